import { toRecord } from "../journal.js";
import { refuse } from "../refusal.js";
import { type OpenKernel, Replayer } from "../replay/replayer.js";
import { ownerChanges, scripMoves } from "../replay/summaries.js";
import type { JournalRecord, Trace } from "../types.js";
import type { World } from "../world.js";
import { summaryOf } from "./summary.js";
import { keptStateChanges, Tracer } from "./tracer.js";

/** Which transaction to trace: by id, by the seq of any event it appended, or the latest. */
export interface TraceQuery {
  tx?: string;
  event?: number;
  last?: boolean;
}

const TX_ID = /^tx[1-9][0-9]{0,15}$/;

/** Records between checkpoints of the re-execution kernel. */
const CHECKPOINT_EVERY = 1000;
/** Checkpoints kept; when full, every other one is dropped (they stay spread over history). */
const MAX_CHECKPOINTS = 16;

/**
 * Traces of a kernel's transactions, by re-executing its journal on a private in-memory kernel
 * with a {@link Tracer} (ADR 0037): live operations pay nothing for tracing. The re-execution
 * kernel stays where it stopped, so tracing the latest transactions in order costs one record
 * each; going back starts from the nearest checkpoint (a snapshot every
 * {@link CHECKPOINT_EVERY} records, at most {@link MAX_CHECKPOINTS} kept).
 */
export class TraceSource {
  readonly #world: World;
  #replayer: Replayer | undefined;
  /** The journal seq the replayer has executed up to. */
  #at = 0;
  readonly #checkpoints = new Map<number, Uint8Array>();
  readonly #openKernel: OpenKernel;

  /** `openKernel` opens the private re-execution kernel (`createKernel`, handed in). */
  constructor(world: World, openKernel: OpenKernel) {
    this.#world = world;
    this.#openKernel = openKernel;
  }

  /**
   * The trace of the transaction `tx` (`"tx12"`), of the one that appended event `event`, or of
   * the latest. Refuses `not_found` for a transaction that is not in the journal.
   */
  async trace(which: TraceQuery): Promise<Trace> {
    const target = this.#seqOf(which);
    const record = this.#record(target);
    const replayer = await this.#positionedBefore(target);
    const tracer = new Tracer(record.origin, record.op);
    const step = replayer.run(record, record.params, tracer);
    this.#advanced(replayer, target);
    const trace: Trace = {
      tx: record.tx,
      seq: record.seq,
      time: record.time,
      origin: record.origin,
      op: record.op,
      params: record.params,
      success: step.env.success,
      summary: summaryOf(record, step.env, step.events, tracer.root.calls),
      calls: tracer.root.calls,
      scrip: scripMoves(step.events),
      ownership: ownerChanges(step.events),
      states: keptStateChanges(tracer.root),
      events: step.events,
      faithful: step.hash === record.hash,
    };
    if (!step.env.success) trace.error = step.env.error;
    return trace;
  }

  close(): void {
    this.#replayer?.close();
    this.#replayer = undefined;
    this.#checkpoints.clear();
  }

  #seqOf(which: TraceQuery): number {
    const last = this.#world.storage.lastJournal()?.seq ?? 0;
    if (which.last && last === 0) refuse("not_found", "no transaction yet");
    const tx = which.last
      ? `tx${last}`
      : which.event !== undefined
        ? this.#txOfEvent(which.event)
        : which.tx;
    if (typeof tx !== "string" || !TX_ID.test(tx))
      refuse(
        "invalid_argument",
        'name a transaction: { tx: "tx12" }, { event: <seq of any event in it> } or { last: true }',
      );
    const seq = Number(tx.slice(2));
    if (seq < 1 || seq > last)
      refuse(
        "not_found",
        last === 0 ? "no transaction yet" : `no transaction ${tx}; the latest is tx${last}`,
      );
    return seq;
  }

  #txOfEvent(seq: unknown): string {
    if (!Number.isSafeInteger(seq) || (seq as number) < 1)
      refuse("invalid_argument", "event must be the seq of an event (a positive integer)");
    const q = {
      after: (seq as number) - 1,
      before: (seq as number) + 1,
      types: null,
      subject: null,
      also: null,
    };
    const row = this.#world.storage.queryEvents({ ...q, limit: 1 })[0];
    if (row === undefined) refuse("not_found", `no event ${String(seq)}`);
    return row.tx;
  }

  #record(seq: number): JournalRecord {
    const row = this.#world.storage.readJournal(seq - 1, 1)[0];
    if (row === undefined || row.seq !== seq) refuse("not_found", `no journal record ${seq}`);
    return toRecord(row);
  }

  /** A replayer that has executed exactly records 1 … seq − 1. */
  async #positionedBefore(seq: number): Promise<Replayer> {
    if (this.#replayer === undefined || this.#at >= seq) await this.#restart(seq);
    const replayer = this.#replayer as Replayer;
    while (this.#at < seq - 1) {
      const rows = this.#world.storage.readJournal(this.#at, Math.min(500, seq - 1 - this.#at));
      for (const row of rows) {
        replayer.run(toRecord(row));
        this.#advanced(replayer, row.seq);
      }
      if (rows.length === 0) break;
    }
    return replayer;
  }

  async #restart(seq: number): Promise<void> {
    this.#replayer?.close();
    const replayer = await Replayer.open(this.#world.limits, this.#world.runtime, this.#openKernel);
    const from = [...this.#checkpoints.keys()].filter((s) => s < seq).sort((a, b) => b - a)[0];
    if (from !== undefined) replayer.kernel.restore(this.#checkpoints.get(from) as Uint8Array);
    this.#replayer = replayer;
    this.#at = from ?? 0;
  }

  #advanced(replayer: Replayer, seq: number): void {
    this.#at = seq;
    if (seq % CHECKPOINT_EVERY !== 0 || this.#checkpoints.has(seq)) return;
    this.#checkpoints.set(seq, replayer.kernel.snapshot());
    if (this.#checkpoints.size > MAX_CHECKPOINTS) {
      const keys = [...this.#checkpoints.keys()].sort((a, b) => a - b);
      keys.forEach((k, i) => {
        if (i % 2 === 1) this.#checkpoints.delete(k);
      });
    }
  }
}
