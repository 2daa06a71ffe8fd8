import type { Tx, TxScope } from "./tx.js";
import type { EnvelopeError } from "./types.js";

// Kept in the meta table as "<window start> <count>", one entry per principal.
const countKey = (principal: string) => `failures:${principal}`;

function windowStart(world: TxScope, now: number): number {
  const ms = world.limits.failureWindowMs;
  return now - (now % ms);
}

function countNow(world: TxScope, principal: string, now: number): number {
  const text = world.storage.getMeta(countKey(principal));
  if (text === undefined) return 0;
  const [start, count] = text.split(" ").map(Number);
  return start === windowStart(world, now) ? (count ?? 0) : 0;
}

/**
 * Why `principal` may not start a call now: its calls already left `maxFailuresPerWindow`
 * `invoke.failed` records in the current window (ADR 0019). Failed calls are free, so this cap
 * is what bounds how fast one principal can grow the permanent log. Undefined when it may.
 */
export function failureQuotaRefusal(
  world: TxScope,
  principal: string,
  now: number,
): EnvelopeError | undefined {
  const limit = world.limits.maxFailuresPerWindow;
  if (countNow(world, principal, now) < limit) return undefined;
  const windowMs = world.limits.failureWindowMs;
  const retryAfterMs = windowStart(world, now) + windowMs - now;
  return {
    code: "not_authorized",
    message: `${principal}'s calls failed ${limit} times in this ${windowMs} ms window; retry in ${retryAfterMs} ms`,
    details: { reason: "failure_quota", limit, windowMs, retryAfterMs },
  };
}

/**
 * Takes room for one more `invoke.failed` record of the transaction's principal; false when
 * its window is full (the failure is then returned but not recorded).
 */
export function takeFailureRoom(world: TxScope, tx: Pick<Tx, "origin" | "now">): boolean {
  const count = countNow(world, tx.origin, tx.now);
  if (count >= world.limits.maxFailuresPerWindow) return false;
  world.storage.setMeta(countKey(tx.origin), `${windowStart(world, tx.now)} ${count + 1}`);
  return true;
}
