import type { Action, ActResult, AgentView, Move } from "../persona.js";
import type { Rng } from "../rng.js";

/** `act`'s result as a list (nothing → empty). */
export function actionsOf(result: ActResult): Action[] {
  if (result === undefined || result === null) return [];
  return Array.isArray(result) ? [...(result as readonly Action[])] : [result as Action];
}

/** Marks actions as exploit attempts with `label`, unless they carry their own label. */
export function asExploit(actions: Action[], label: string): Action[] {
  return actions.map((a) => (a.kind === "idle" || a.exploit ? a : { ...a, exploit: label }));
}

/** The actions of the first move that has something to do now. */
export function firstMove(
  view: AgentView,
  rng: Rng,
  moves: readonly { move: Move | undefined; exploit?: string }[],
): Action[] {
  for (const { move, exploit } of moves) {
    if (!move) continue;
    const actions = actionsOf(move(view, rng));
    if (actions.length > 0) return exploit ? asExploit(actions, exploit) : actions;
  }
  return [];
}
