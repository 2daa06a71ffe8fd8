import type { Persona, Playbook } from "../persona.js";
import { firstMove } from "./moves.js";

/**
 * The free-rider: never contributes; at most takes the smallest step that makes it a
 * participant (`enter`), then every round tries to `claim` — each claim marked as the exploit
 * "claim without contributing". A sound mechanism refuses it or pays it only for what it put in.
 *
 * @example
 * ```ts
 * { persona: freeRider({ enter: joinWithOne, claim: distributeRevenue }), count: 3, scrip: 100 }
 * ```
 */
export function freeRider(playbook: Playbook, options: { name?: string } = {}): Persona {
  return {
    name: options.name ?? "free-rider",
    act: (view, rng) =>
      firstMove(view, rng, [
        { move: playbook.enter },
        { move: playbook.claim, exploit: "claim without contributing" },
      ]),
  };
}
