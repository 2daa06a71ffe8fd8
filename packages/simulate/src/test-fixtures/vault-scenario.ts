import { defineScenario } from "@ecology/simulate";

export default defineScenario({
  name: "vault",
  description: "Savers deposit and withdraw; the vault must hold what it owes.",
  seed: 7,
  rounds: 12,
  contracts: [{ id: "vault", file: "./vault.ts" }],
  population: [{ persona: "./saver.ts", count: 4, scrip: 50 }],
  invariants: [
    {
      name: "vault holds what it owes",
      check: (world) => {
        const owed = (world.state("vault") as { owed: number }).owed;
        const held = world.balance("vault");
        return held >= owed || `the vault holds ${held} but owes ${owed}`;
      },
    },
  ],
  metrics: [{ name: "vault balance", measure: (world) => world.balance("vault") }],
});
