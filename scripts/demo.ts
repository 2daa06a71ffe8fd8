// `pnpm demo`: the cooperative-service story on an embedded kernel file, narrated step by step.
// The story lives with its example (examples/cooperative-service) so that its tests cover it.
import { join } from "node:path";
import { runCooperativeStory } from "../examples/cooperative-service/src/story.js";

const path = join(process.cwd(), ".ecology", "demo.db");
const kernel = await runCooperativeStory(path);
kernel.close();
console.log(`\nThe economy is still in ${path}; run \`pnpm demo\` again to start over.`);
