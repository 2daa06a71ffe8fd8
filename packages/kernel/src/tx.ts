import { type NewEvent, writeEvent } from "./event-log.js";
import { takeFailureRoom } from "./failure-quota.js";
import { KernelError } from "./kernel-error.js";
import type { KernelLimits } from "./limits.js";
import { Refusal } from "./refusal.js";
import type { Storage } from "./storage/storage.js";
import type { Tracer } from "./trace/tracer.js";
import type { Cost, Envelope, EnvelopeError, JsonValue, KernelEvent } from "./types.js";
import type { Frame } from "./world.js";

const KEEP = () => true;

/** An `invoke.failed` record, kept by the transaction so it survives the rollbacks around it. */
export interface FailedInvoke {
  caller: string;
  target: string;
  method: string;
  error: EnvelopeError;
  depth: number;
}

/** What a transaction needs of its kernel: the storage it writes and the limits it obeys. */
export interface TxScope {
  storage: Storage;
  limits: KernelLimits;
}

/** What a savepoint's body returns when it succeeds; the savepoint adds the events. */
export interface FrameOutcome {
  result: JsonValue;
  cost: Cost;
}

/**
 * One top-level operation: one storage transaction, and the single owner of what it appends —
 * its events, its `invoke.failed` records and the undo of both. Nested invokes are
 * {@link Tx.savepoint}s of it. Created only by {@link transaction}, inside the storage
 * transaction, so that its id is read from the chain head under the write lock, once.
 */
export class Tx {
  /** `tx` + the seq of the transaction's journal record (see {@link transaction}). */
  readonly id: string;
  /** Kernel time, fixed for the whole transaction. */
  readonly now: number;
  /** The principal that started the operation. */
  readonly origin: string;
  /** The invoke stack, innermost frame last. */
  readonly stack: Frame[] = [];
  /** Counts contract runs, so each run is seeded differently but deterministically. */
  frameCount = 0;
  /** A bug raised inside a host function, rethrown once the run has unwound. */
  fatal: unknown = undefined;
  /**
   * Compute units left to runs started outside any contract run (gate checks, the top-level
   * frame): together they share one budget. Runs nested inside a run draw on their parent's.
   */
  computeLeft: number;
  /** `performance.now()` deadline shared by every run of the transaction, set by the first. */
  deadlineAt: number | undefined = undefined;
  /** Contract runs in progress; 0 means the next run is a root run (see `computeLeft`). */
  running = 0;
  /** Set only when a trace of this transaction was asked for (a re-execution, ADR 0037). */
  tracer: Tracer | undefined = undefined;
  /** Contracts whose state this transaction wrote (kept or rolled back), for the journal. */
  readonly statesWritten = new Set<string>();

  readonly #scope: TxScope;
  /** Events appended in this transaction that are still part of it. */
  readonly #events: KernelEvent[] = [];
  /** Every frame that failed so far, rolled back or not: each leaves one `invoke.failed`. */
  readonly #failures: FailedInvoke[] = [];

  /** @internal use {@link transaction}. */
  constructor(scope: TxScope, origin: string, now: number) {
    if (!scope.storage.inTransaction())
      throw new KernelError("bug", "a Tx is created inside its storage transaction");
    this.#scope = scope;
    // Every committed transaction appends exactly one journal record, so the seq that record
    // will get is unique, and a replay of the journal yields the same ids (and so the same
    // seeds and hashes). Taken once, here, under the write lock.
    this.id = `tx${(scope.storage.lastJournal()?.seq ?? 0) + 1}`;
    this.now = now;
    this.origin = origin;
    this.computeLeft = scope.limits.compute;
  }

  /** The events appended so far that are still part of the transaction, oldest first. */
  get events(): readonly KernelEvent[] {
    return this.#events;
  }

  /** A copy of the events appended since `mark` (an earlier `events.length`). */
  eventsSince(mark: number): KernelEvent[] {
    return this.#events.slice(mark);
  }

  /** Appends an event to the hash-chained log in this transaction. */
  append(ev: NewEvent): KernelEvent {
    const event = writeEvent(this.#scope.storage, this, ev);
    this.#events.push(event);
    this.tracer?.event(event);
    return event;
  }

  /**
   * Runs `body` in a storage savepoint. On success its events come with the outcome. When it
   * throws a Refusal, storage and events roll back to where the savepoint began, then one
   * `invoke.failed` is appended for the frame (`failed` describes it) and one for every frame
   * that failed inside it, rolled back with it — in the enclosing scope, which at top level is
   * the transaction itself. Bugs (anything but a Refusal) propagate.
   */
  savepoint(body: () => FrameOutcome, failed: (refusal: Refusal) => FailedInvoke): Envelope {
    const eventMark = this.#events.length;
    const failureMark = this.#failures.length;
    try {
      const out = this.#scope.storage.atomic(body, KEEP);
      return { success: true, ...out, events: this.eventsSince(eventMark) };
    } catch (e) {
      if (!(e instanceof Refusal)) throw e;
      this.#events.length = eventMark;
      const failure = failed(e);
      const records = this.#failures.slice(failureMark);
      records.push(failure);
      this.#failures.push(failure);
      for (const f of records) this.#recordFailure(f);
      return { success: false, error: failure.error };
    }
  }

  /**
   * Runs a top-level operation's `body` so that a failure undoes what it wrote (storage and
   * events) while the transaction itself stays open, to record the attempt in the journal.
   * `keep` says what is kept (by default a success); it is asked once the body has returned.
   */
  attempt(body: () => Envelope, keep: (env: Envelope) => boolean = (e) => e.success): Envelope {
    const eventMark = this.#events.length;
    let kept = false;
    const env = this.#scope.storage.atomic(body, (e) => {
      kept = keep(e);
      return kept;
    });
    if (!kept) this.#events.length = eventMark;
    return env;
  }

  #recordFailure(f: FailedInvoke): void {
    // Past the principal's cap the failure is still returned, just not kept (ADR 0019).
    if (!takeFailureRoom(this.#scope, this)) return;
    const data: { [key: string]: JsonValue } = {
      method: f.method,
      code: f.error.code,
      message: f.error.message,
      depth: f.depth,
    };
    if (f.error.path) data.path = f.error.path as unknown as JsonValue;
    this.append({ type: "invoke.failed", actor: f.caller, target: f.target, data });
  }
}

/**
 * Runs one top-level operation as one storage transaction: `fn` gets its {@link Tx}, and the
 * transaction commits when `keep(result)` is true and rolls back otherwise (or when `fn`
 * throws). The transaction id is taken here, holding the write lock, so no other process can
 * have appended to the chain between reading its head and committing.
 *
 * @example
 * ```ts
 * // kernel.invoke: the frame's failure records commit with the attempt.
 * transaction(world, caller, world.clock(), (tx) => world.invoke(tx, request), () => true);
 * ```
 */
export function transaction<T>(
  scope: TxScope,
  origin: string,
  now: number,
  fn: (tx: Tx) => T,
  keep: (result: T) => boolean,
): T {
  return scope.storage.atomic(() => fn(new Tx(scope, origin, now)), keep);
}
