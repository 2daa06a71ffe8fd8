/**
 * What scenario and persona files may import from `@ecology/simulate` when the simulator loads
 * them (`load-module.ts` resolves the package name to this module): the authoring API, without
 * the runner, so loading a scenario never imports the code that loads it.
 */
export { proportionalPayouts } from "./invariants/proportional-payouts.js";
export { START_TIME } from "./operations.js";
export { colludingPair } from "./personas/colluding-pair.js";
export { freeRider } from "./personas/free-rider.js";
export { griefer } from "./personas/griefer.js";
export { honest } from "./personas/honest.js";
export { sybil } from "./personas/sybil.js";
export { createRng } from "./rng.js";
export { defineScenario } from "./scenario.js";
export { SimulateError } from "./simulate-error.js";
export { gini } from "./stats.js";
