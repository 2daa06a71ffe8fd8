import { defineScenario } from "@ecology/simulate";
import vault from "./vault-scenario.js";

export default defineScenario({
  ...vault,
  name: "bigger vault",
  population: [{ persona: "./saver.ts", count: 5, scrip: 50 }],
});
