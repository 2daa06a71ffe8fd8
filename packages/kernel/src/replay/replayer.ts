import type { Runtime } from "@ecology/runtime";
import type { KernelOptions } from "../create-kernel.js";
import { toEvent } from "../event-log.js";
import { type Kernel, worldOf } from "../kernel.js";
import type { KernelLimits } from "../limits.js";
import { perform } from "../perform.js";
import type { Tracer } from "../trace/tracer.js";
import type { Envelope, JournalRecord, JsonObject, KernelEvent } from "../types.js";
import type { RuntimeLike, World } from "../world.js";

/**
 * Opens a kernel: `createKernel`, handed in by whoever opens a replayer (replay, the kernel's
 * trace source), so that this module does not load the module that loads it.
 */
export type OpenKernel = (options: KernelOptions) => Promise<Kernel>;

/** Wall-clock limits are lifted during replay (DESIGN.md §9); compute limits are not. */
const NO_DEADLINE_MS = 24 * 60 * 60 * 1000;

/** What one re-executed record produced. */
export interface Step {
  env: Envelope;
  /** The events it appended, oldest first. */
  events: KernelEvent[];
  /** The hash of the journal record the re-execution appended (undefined if none was). */
  hash: string | undefined;
}

/**
 * A fresh in-memory kernel that re-executes journal records: its clock reads each record's
 * time, and records run through the same `perform` path as live operations.
 */
export class Replayer {
  readonly #kernel: Kernel;
  readonly #world: World;
  readonly #clock: { time: number };

  private constructor(kernel: Kernel, clock: { time: number }) {
    this.#kernel = kernel;
    this.#world = worldOf(kernel);
    this.#clock = clock;
  }

  /** Opens a replay kernel with the original economy's limits (deadline lifted). */
  static async open(
    limits: Partial<KernelLimits>,
    runtime: Runtime | RuntimeLike | undefined,
    openKernel: OpenKernel,
  ): Promise<Replayer> {
    const clock = { time: 0 };
    const kernel = await openKernel({
      clock: () => clock.time,
      limits: { ...limits, deadlineMs: NO_DEADLINE_MS },
      ...(runtime ? { runtime } : {}),
    });
    return new Replayer(kernel, clock);
  }

  /** The replay kernel, for looking at the economy it rebuilt. */
  get kernel(): Kernel {
    return this.#kernel;
  }

  /** The replay kernel's world (its storage, for summaries and the final diff). */
  get world(): World {
    return this.#world;
  }

  /**
   * Re-executes `record`, with `params` in place of its own when given, and with `tracer`
   * collecting its invoke tree when one is given.
   */
  run(record: JournalRecord, params: JsonObject = record.params, tracer?: Tracer): Step {
    this.#clock.time = record.time;
    const storage = this.#world.storage;
    const before = storage.lastEvent()?.seq ?? 0;
    const journalBefore = storage.lastJournal()?.seq ?? 0;
    const mode = tracer ? { replaying: true, tracer } : { replaying: true };
    const env = perform(this.#world, record.op, record.origin, params, mode);
    const head = storage.lastJournal();
    const hash = head && head.seq > journalBefore ? head.hash : undefined;
    return { env, events: eventsAfter(this.#world, before), hash };
  }

  close(): void {
    this.#kernel.close();
  }
}

function eventsAfter(world: World, after: number): KernelEvent[] {
  const out: KernelEvent[] = [];
  const last = world.storage.lastEvent()?.seq ?? 0;
  let from = after;
  while (from < last) {
    const rows = world.storage.queryEvents({
      after: from,
      before: last + 1,
      types: null,
      subject: null,
      also: null,
      limit: 1000,
    });
    if (rows.length === 0) break;
    out.push(...rows.map(toEvent));
    from = rows[rows.length - 1]?.seq ?? last;
  }
  return out;
}
