import type { Suite } from "../suite.js";
import { depthSuite } from "./depth.js";
import { historySuite } from "./history.js";
import { peersSuite } from "./peers.js";
import { stateSuite } from "./state.js";

/** Every suite of this package, in report order. */
export const SUITES: readonly Suite[] = [peersSuite, historySuite, stateSuite, depthSuite];
