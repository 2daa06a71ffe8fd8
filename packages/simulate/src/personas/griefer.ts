import type { Persona, Playbook } from "../persona.js";
import { firstMove } from "./moves.js";

/**
 * The griefer: enters if it must (`enter`), then every round does `grief` — harm to others at
 * its own cost, marked as the exploit "grief". Its attempts are rarely profitable; what they do
 * to the others shows in their profit and in the invariants.
 *
 * @example
 * ```ts
 * { persona: griefer({ enter: joinWithOne, grief: spamProposals }), count: 1, scrip: 50 }
 * ```
 */
export function griefer(playbook: Playbook, options: { name?: string } = {}): Persona {
  return {
    name: options.name ?? "griefer",
    act: (view, rng) =>
      firstMove(view, rng, [{ move: playbook.enter }, { move: playbook.grief, exploit: "grief" }]),
  };
}
