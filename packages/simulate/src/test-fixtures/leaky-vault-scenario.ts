import { defineScenario } from "@ecology/simulate";
import vault from "./vault-scenario.js";

export default defineScenario({
  ...vault,
  name: "leaky vault",
  contracts: [{ id: "vault", file: "./leaky-vault.ts" }],
});
