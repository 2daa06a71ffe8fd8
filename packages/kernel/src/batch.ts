import { KernelError } from "./kernel-error.js";
import type { Storage } from "./storage/storage.js";

/**
 * Runs `fn` as one group commit (ADR 0042): one storage transaction around every operation `fn`
 * performs. Each operation opens its own savepoint inside it (that is what `perform` does at
 * depth 1), so it stays top-level in everything but the commit. The transaction commits when
 * `fn` returns and rolls back when `fn` throws; either way the outcome is `fn`'s.
 *
 * @throws KernelError `bug` when a transaction is already open (a batch cannot nest: the outer
 * one would hold the inner commit) or when `fn` returns a promise (its work would run after the
 * commit). Rethrows whatever `fn` or the commit throws, after rolling everything back.
 * @example
 * ```ts
 * const envelopes = runBatch(world.storage, () => requests.map((r) => perform(world, ...r)));
 * ```
 */
export function runBatch<T>(storage: Storage, fn: () => T): T {
  if (storage.inTransaction())
    throw new KernelError("bug", "kernel.batch cannot run inside another batch or operation");
  return storage.atomic(() => {
    const result = fn();
    if (isThenable(result))
      throw new KernelError(
        "bug",
        "kernel.batch takes a synchronous function: work after an await would miss the commit",
      );
    return result;
  }, keepAll);
}

function keepAll(): boolean {
  return true;
}

function isThenable(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}
