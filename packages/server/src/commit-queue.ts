import type { SerialQueue } from "./serial-queue.js";

/** Bounds of a group commit (ADR 0042). */
export interface GroupCommitOptions {
  /** Most operations sharing one commit. Default 64. */
  maxBatch?: number;
  /**
   * Longest a batch runs before it commits what it has done; the rest of its operations commit
   * in the next transaction, right after. Default 5 ms.
   */
  maxBatchMs?: number;
}

/** Default of {@link GroupCommitOptions.maxBatch}. */
export const DEFAULT_MAX_BATCH = 64;
/** Default of {@link GroupCommitOptions.maxBatchMs}. */
export const DEFAULT_MAX_BATCH_MS = 5;

/**
 * Runs `fn` in one storage transaction and commits it when `fn` returns (the kernel's
 * `batch`); throws, having committed nothing, when `fn` or the commit throws.
 */
export type BatchRunner = (fn: () => void) => void;

/** How much grouping happened; for tests, benchmarks and diagnostics. */
export interface GroupStats {
  /** Transactions committed by {@link CommitQueue.group}. */
  batches: number;
  /** Operations those transactions held. */
  operations: number;
}

/**
 * A {@link SerialQueue} that also groups operations (ADR 0042): consecutive calls of
 * {@link CommitQueue.group} that queue up while earlier work runs share one storage transaction,
 * each operation in its own savepoint, in arrival order. Tasks queued with `run` (reads, event
 * streams) keep their place in that order and never run inside a batch.
 */
export interface CommitQueue extends SerialQueue {
  /**
   * Queues `op` (a synchronous kernel operation); resolves with its result only once the
   * transaction holding it committed. Rejects with what `op` threw (its savepoint alone is
   * undone, the others commit) or, when the commit fails, with an error naming that: then no
   * operation of the batch resolves.
   */
  group<T>(op: () => T): Promise<Awaited<T>>;
  readonly stats: Readonly<GroupStats>;
}

interface Member {
  op: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Creates a {@link CommitQueue}. Without `batch` (a kernel that cannot group, or grouping
 * switched off) `group` is `run`: one operation per transaction, as before.
 *
 * A batch starts as soon as the queue reaches it, after one turn of the event loop (so that
 * requests already received join it); a lone request waits for nothing else. It closes to new
 * operations when it starts or holds `maxBatch`.
 *
 * @example
 * ```ts
 * const queue = createCommitQueue((fn) => kernel.batch(fn));
 * const envelope = await queue.group(() => kernel.invoke("alice", "svc", "run", []));
 * ```
 */
export function createCommitQueue(
  batch: BatchRunner | undefined,
  options: GroupCommitOptions = {},
): CommitQueue {
  const maxBatch = Math.max(1, options.maxBatch ?? DEFAULT_MAX_BATCH);
  const maxBatchMs = options.maxBatchMs ?? DEFAULT_MAX_BATCH_MS;
  const stats: GroupStats = { batches: 0, operations: 0 };
  let tail: Promise<unknown> = Promise.resolve();
  /** The batch last in line and not started yet: new operations join it. */
  let open: Member[] | undefined;

  function run<T>(task: () => T | Promise<T>): Promise<T> {
    open = undefined;
    const next = tail.then(task);
    tail = next.catch(() => undefined);
    return next;
  }

  async function start(members: Member[], runner: BatchRunner): Promise<void> {
    await nextTurn();
    if (open === members) open = undefined;
    for (let from = 0; from < members.length; ) {
      from = commitSome(members, from, runner, maxBatchMs, stats);
    }
  }

  function group<T>(op: () => T): Promise<Awaited<T>> {
    if (!batch) return run(op) as Promise<Awaited<T>>;
    return new Promise((resolve, reject) => {
      const member: Member = { op, resolve: resolve as (value: unknown) => void, reject };
      if (open && open.length < maxBatch) {
        open.push(member);
        return;
      }
      const members = [member];
      open = members;
      tail = tail.then(() => start(members, batch)).catch(() => undefined);
    });
  }

  return { run, group, stats };
}

/**
 * Runs `members[from..]` in one transaction until they are done or `maxMs` passed, commits,
 * then settles each of them; returns where the next transaction starts.
 */
function commitSome(
  members: Member[],
  from: number,
  runner: BatchRunner,
  maxMs: number,
  stats: GroupStats,
): number {
  const outcomes: Outcome[] = [];
  const started = performance.now();
  try {
    runner(() => {
      for (let i = from; i < members.length; i++) {
        if (i > from && performance.now() - started > maxMs) break;
        outcomes.push(attempt((members[i] as Member).op));
      }
    });
  } catch (error) {
    // Nothing of this transaction is durable, so no operation in it may be acknowledged, not
    // even one that succeeded inside it.
    const failed = new Error(
      `the group commit failed, nothing of this request was kept: ${messageOf(error)}`,
      { cause: error },
    );
    const end = from + Math.max(outcomes.length, 1);
    for (let i = from; i < end; i++) (members[i] as Member).reject(failed);
    return end;
  }
  stats.batches++;
  stats.operations += outcomes.length;
  outcomes.forEach((outcome, i) => {
    const member = members[from + i] as Member;
    if (outcome.ok) member.resolve(outcome.value);
    else member.reject(outcome.error);
  });
  return from + outcomes.length;
}

function attempt(op: () => unknown): Outcome {
  try {
    return { ok: true, value: op() };
  } catch (error) {
    return { ok: false, error };
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Resolves after the I/O already waiting was handled (requests received meanwhile queue up). */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
