import type { Action, Persona, Playbook } from "../persona.js";
import { firstMove } from "./moves.js";

/**
 * The sybil: one owner behind many principals (default 5), its starting scrip split among them.
 * Every round each principal takes the first of `enter` and `claim` that applies, so the owner
 * acts once per identity; claims are marked as the exploit "sybil claim". A mechanism that
 * counts heads instead of stake pays it many times.
 *
 * @example
 * ```ts
 * { persona: sybil({ enter: joinWithOne, claim: distributeRevenue }, { principals: 6 }), count: 1, scrip: 60 }
 * ```
 */
export function sybil(
  playbook: Playbook,
  options: { name?: string; principals?: number } = {},
): Persona {
  return {
    name: options.name ?? "sybil",
    principals: options.principals ?? 5,
    act: (view, rng) =>
      view.principals.flatMap((principal): Action[] =>
        firstMove(view.as(principal), rng, [
          { move: playbook.enter },
          { move: playbook.claim, exploit: "sybil claim" },
        ]).map((a) => (a.kind === "idle" ? a : { ...a, as: principal })),
      ),
  };
}
