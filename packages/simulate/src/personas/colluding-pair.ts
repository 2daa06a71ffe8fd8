import type { Persona, Playbook } from "../persona.js";
import { firstMove } from "./moves.js";

/**
 * A colluding pair: two agents that know each other (`view.partners`) and act together —
 * every round `collude(view, rng, partner)` (a wash trade, a vote for each other), else
 * `claim`; both marked as the exploit "collusion". `count` in the population counts pairs.
 *
 * @example
 * ```ts
 * { persona: colludingPair({ collude: washTrade, claim: requestMembership }), count: 1, scrip: 100 }
 * ```
 */
export function colludingPair(playbook: Playbook, options: { name?: string } = {}): Persona {
  return {
    name: options.name ?? "colluding-pair",
    team: 2,
    act: (view, rng) => {
      const partner = view.partners[0];
      const collude = playbook.collude;
      return firstMove(view, rng, [
        {
          move: collude && partner !== undefined ? (v, r) => collude(v, r, partner) : undefined,
          exploit: "collusion",
        },
        { move: playbook.claim, exploit: "collusion" },
      ]);
    },
  };
}
