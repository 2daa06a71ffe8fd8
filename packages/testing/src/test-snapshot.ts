import type { Kernel } from "@ecology/kernel";
import { TestingError } from "./testing-error.js";

const BRAND = Symbol("TestSnapshot");

/**
 * A frozen copy of a test kernel: the whole database (balances, artifacts with ownership and
 * state, listings, the event log and its hash chain) plus kernel time. Opaque; restore it any
 * number of times, on the kernel that took it or on another test kernel (a shared fixture).
 */
export interface TestSnapshot {
  readonly [BRAND]: true;
  /** Kernel time when the snapshot was taken. */
  readonly now: number;
  /** Size of the serialized database in bytes. */
  readonly bytes: number;
}

interface SnapshotData extends TestSnapshot {
  readonly db: Uint8Array;
  readonly transactions: number;
  readonly names: ReadonlyMap<string, string>;
}

/** Serializes `kernel` with the kit's bookkeeping. */
export function takeSnapshot(
  kernel: Kernel,
  now: number,
  transactions: number,
  names: ReadonlyMap<string, string>,
): TestSnapshot {
  const db = kernel.snapshot();
  const data: SnapshotData = {
    [BRAND]: true,
    now,
    bytes: db.byteLength,
    db,
    transactions,
    names: new Map(names),
  };
  return Object.freeze(data);
}

/**
 * Puts `kernel` back to `snapshot`; returns the kit's bookkeeping to restore with it.
 *
 * @throws {TestingError} `bad_snapshot` for a value that is not a snapshot.
 */
export function restoreSnapshot(
  kernel: Kernel,
  snapshot: TestSnapshot,
): { now: number; transactions: number; names: ReadonlyMap<string, string> } {
  const data = snapshot as Partial<SnapshotData>;
  if (data?.[BRAND] !== true || !data.db)
    throw new TestingError("bad_snapshot", "restore needs a value returned by k.snapshot()");
  kernel.restore(data.db);
  return {
    now: data.now as number,
    transactions: data.transactions ?? 0,
    names: data.names ?? new Map(),
  };
}
