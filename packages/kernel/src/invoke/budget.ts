import type { RuntimeLimits } from "@ecology/runtime";
import { Refusal } from "../refusal.js";
import type { Tx } from "../tx.js";
import type { World } from "../world.js";

/**
 * The runtime limits of the next contract run of `tx`. A run nested inside another run gets the
 * kernel's limits: the runtime caps its budget and deadline by its parent's. A root run — the
 * top-level frame, or a gate consulted before it — gets what the transaction has left, so all
 * root runs share one compute budget and one deadline (ADR 0018). Throws a Refusal
 * (`out_of_compute` / `timeout`) when nothing is left.
 */
export function runLimitsFor(world: World, tx: Tx): Partial<RuntimeLimits> {
  if (tx.running > 0) return world.runLimits;
  const now = performance.now();
  if (tx.deadlineAt === undefined) {
    // The first root run: the whole budget and deadline, no per-run object needed.
    tx.deadlineAt = now + world.limits.deadlineMs;
    return world.runLimits;
  }
  if (tx.computeLeft <= 0)
    throw new Refusal(
      "out_of_compute",
      `compute budget of ${world.limits.compute} units exhausted by this invoke and its gate checks`,
    );
  const ms = tx.deadlineAt - now;
  if (ms <= 0)
    throw new Refusal(
      "timeout",
      `deadline of ${world.limits.deadlineMs} ms passed during this invoke and its gate checks`,
    );
  return { ...world.runLimits, compute: tx.computeLeft, deadlineMs: ms };
}

/** Runs `run` as one contract run of `tx`, charging a root run's units to the transaction. */
export function metered<R extends { compute: number }>(tx: Tx, run: () => R): R {
  tx.running += 1;
  let r: R;
  try {
    r = run();
  } finally {
    tx.running -= 1;
  }
  if (tx.running === 0) tx.computeLeft -= r.compute;
  return r;
}
