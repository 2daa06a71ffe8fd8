import { defineScenario, type Persona } from "@ecology/simulate";

/** Deposits once, then withdraws when the rng says so and deposits again later. */
const saver: Persona = {
  name: "saver",
  act(view, rng) {
    const state = view.state("vault") as { deposits: { [id: string]: number } } | undefined;
    const mine = state?.deposits[view.id] ?? 0;
    if (mine === 0)
      return { kind: "invoke", target: "vault", method: "deposit", value: 1 + rng.int(10) };
    return rng.chance(0.3) ? { kind: "invoke", target: "vault", method: "withdraw" } : undefined;
  },
};

export default defineScenario({
  name: "vault",
  description: "Savers deposit and withdraw; the vault must hold what it owes.",
  seed: 7,
  rounds: 12,
  contracts: [{ id: "vault", file: "./vault.ts" }],
  population: [{ persona: saver, count: 4, scrip: 50 }],
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
