// `pnpm demo`: the six coordination patterns of the seed, narrated step by step. Part 1 trades
// through genesis_escrow and guards data with a gatekeeper; part 2 is the cooperative-service
// story (pool, pay-per-use, threshold, reputation) on an embedded kernel file. The story lives
// with its example (examples/cooperative-service) so that its tests cover it.
import { join } from "node:path";
import { runCooperativeStory } from "../examples/cooperative-service/src/story.js";
import { runTradeAndGate } from "./demo-trade-and-gate.js";

await runTradeAndGate();
console.log("");
const path = join(process.cwd(), ".ecology", "demo.db");
const kernel = await runCooperativeStory(path);
kernel.close();
console.log(`\nThe economy is still in ${path}; run \`pnpm demo\` again to start over.`);
