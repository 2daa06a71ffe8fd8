import type { KernelEvent } from "@ecology/kernel";
import type { Dispatcher } from "./dispatcher.js";

/** An event read once by the tail, with its JSON text computed once for every stream. */
export interface TailEvent {
  event: KernelEvent;
  text: string;
}

/** What {@link TailSubscription.take} hands over. */
export interface TailDelivery {
  /** Events committed since the previous take, in order. */
  events: readonly TailEvent[];
  /** More arrived than the subscription keeps: read the log from your own cursor instead. */
  overflowed: boolean;
}

/** One stream's view of the tail; close it when the stream ends. */
export interface TailSubscription {
  /** Resolves once events arrived, or with none after `timeoutMs` or on close. */
  take(timeoutMs: number): Promise<TailDelivery>;
  close(): void;
}

/**
 * One reader of the log's new events shared by every event stream: after each commit it reads
 * what is new once, through the dispatcher's queue, and hands the same events to every
 * subscriber. Streams then touch the log only when an event may concern them, so idle streams
 * cost the invoke path a string check each instead of a query each (ADR 0022).
 */
export interface EventTail {
  /**
   * Subscribes; with `mayConcern`, only the events it accepts are kept and wake the
   * subscriber, so a stream that nothing concerns is not even woken.
   */
  subscribe(mayConcern?: (e: TailEvent) => boolean): TailSubscription;
  /** Seq of the last event read; every event up to it was handed to current subscribers. */
  readonly head: number;
}

/** Options of {@link createEventTail}. */
export interface EventTailOptions {
  dispatcher: Dispatcher;
  /** Reads anyway after this long without a wake-up: another process may write the log. */
  pollMs: number;
  /** Events a subscription keeps before it is told it overflowed (a slow or stuck client). */
  maxPending: number;
}

const PAGE = 500;

/**
 * Creates an {@link EventTail}; it reads only while someone is subscribed.
 *
 * @example
 * ```ts
 * const tail = createEventTail({ dispatcher, pollMs: 2_000, maxPending: 1_000 });
 * const sub = tail.subscribe();
 * const { events } = await sub.take(2_000);
 * ```
 */
export function createEventTail(options: EventTailOptions): EventTail {
  const { dispatcher, pollMs, maxPending } = options;
  const inboxes = new Set<Inbox>();
  let head = -1;
  let running = false;

  async function read(): Promise<void> {
    if (head < 0) head = await dispatcher.queue.run(() => findHead(dispatcher));
    for (;;) {
      const envelope = await dispatcher.queue.run(() =>
        dispatcher.kernel.events({ after: head, limit: PAGE }),
      );
      if (!envelope.success) return;
      const { events, next } = envelope.result;
      const shared = events.map((event) => ({ event, text: JSON.stringify(event) }));
      head = events.at(-1)?.seq ?? head;
      for (const inbox of inboxes) inbox.push(shared);
      if (next === null) return;
    }
  }

  async function run(): Promise<void> {
    running = true;
    try {
      // The wake-up is armed before each read, so a commit during the read is never missed; none
      // is armed once the last subscriber left, so no timer outlives the tail.
      for (;;) {
        const wake = dispatcher.hub.next(pollMs);
        await read();
        await wake;
        if (inboxes.size === 0) break;
      }
    } finally {
      running = false;
      head = -1;
    }
  }

  return {
    subscribe(mayConcern) {
      const inbox = createInbox(maxPending, mayConcern, () => {
        inboxes.delete(inbox);
        dispatcher.hub.notify();
      });
      inboxes.add(inbox);
      if (!running) void run();
      return inbox;
    },
    get head() {
      return Math.max(head, 0);
    },
  };
}

/**
 * The seq of the last event, found with `after` probes (the kernel API has no "latest" query):
 * doubling then bisecting, about 2·log2(seq) indexed one-row reads, once per tail start.
 */
async function findHead(dispatcher: Dispatcher): Promise<number> {
  const exists = async (after: number) => {
    const envelope = await dispatcher.kernel.events({ after, limit: 1 });
    return envelope.success && envelope.result.events.length > 0;
  };
  let low = 0;
  let high = 1;
  while (await exists(high)) {
    low = high;
    high *= 2;
  }
  // Invariant: an event exists after `low` (or low = 0) and none after `high`.
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (await exists(mid)) low = mid;
    else high = mid;
  }
  return (await exists(low)) ? high : low;
}

interface Inbox extends TailSubscription {
  push(events: readonly TailEvent[]): void;
}

function createInbox(
  maxPending: number,
  mayConcern: ((e: TailEvent) => boolean) | undefined,
  onClose: () => void,
): Inbox {
  let pending: TailEvent[] = [];
  let overflowed = false;
  let closed = false;
  let wake: (() => void) | undefined;
  const signal = () => {
    wake?.();
    wake = undefined;
  };
  return {
    push(all) {
      const events = mayConcern ? all.filter(mayConcern) : all;
      if (closed || events.length === 0) return;
      if (overflowed || pending.length + events.length > maxPending) {
        // Dropping is safe: the subscriber re-reads the log from its own cursor.
        pending = [];
        overflowed = true;
      } else {
        pending.push(...events);
      }
      signal();
    },
    async take(timeoutMs) {
      if (pending.length === 0 && !overflowed && !closed) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, timeoutMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      const delivery = { events: pending, overflowed };
      pending = [];
      overflowed = false;
      return delivery;
    },
    close() {
      if (closed) return;
      closed = true;
      pending = [];
      signal();
      onClose();
    },
  };
}
