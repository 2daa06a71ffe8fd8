import type { Persona, Playbook } from "../persona.js";
import { firstMove } from "./moves.js";

/**
 * The honest agent: contributes what the mechanism asks, pays for what it uses, and claims only
 * what it is owed — each round the first of `contribute`, `use`, `claim` that applies. It never
 * marks an exploit.
 *
 * @example
 * ```ts
 * population: [{ persona: honest({ contribute: joinOnce, claim: distributeRevenue }), count: 4, scrip: 100 }]
 * ```
 */
export function honest(playbook: Playbook, options: { name?: string } = {}): Persona {
  return {
    name: options.name ?? "honest",
    act: (view, rng) =>
      firstMove(view, rng, [
        { move: playbook.contribute },
        { move: playbook.use },
        { move: playbook.claim },
      ]),
  };
}
