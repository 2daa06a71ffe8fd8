/** Default cap on concurrent event streams, all tokens together. */
export const DEFAULT_MAX_STREAMS = 64;
/** Default cap on concurrent event streams of one token. */
export const DEFAULT_MAX_STREAMS_PER_TOKEN = 8;

/** Options of {@link createStreamSlots}. */
export interface StreamSlotsOptions {
  /** Concurrent streams, all tokens together. Default {@link DEFAULT_MAX_STREAMS}. */
  max?: number;
  /** Concurrent streams of one token. Default {@link DEFAULT_MAX_STREAMS_PER_TOKEN}. */
  maxPerToken?: number;
}

/** A taken slot; {@link StreamSlot.release} is idempotent. */
export interface StreamSlot {
  release(): void;
}

/** Why {@link StreamSlots.acquire} refused: which limit was reached, and its value. */
export interface SlotRefusal {
  limit: "maxStreams" | "maxStreamsPerToken";
  value: number;
}

/**
 * Counts open event streams against a global and a per-token cap, so idle streams cannot pile
 * up (each one holds a socket and a subscription) — see ADR 0022.
 */
export interface StreamSlots {
  /** Takes a slot for `key` (who the token belongs to), or says which limit refuses it. */
  acquire(key: string): StreamSlot | SlotRefusal;
  /** Streams open now. */
  readonly open: number;
  /** Resolves at the next acquire or release (lets tests wait for a close without sleeping). */
  changed(): Promise<void>;
}

/**
 * Creates {@link StreamSlots}.
 *
 * @example
 * ```ts
 * const slots = createStreamSlots({ max: 64, maxPerToken: 8 });
 * const slot = slots.acquire("principal:alice");
 * if ("release" in slot) stream.onAbort(() => slot.release());
 * ```
 */
export function createStreamSlots(options: StreamSlotsOptions = {}): StreamSlots {
  const max = options.max ?? DEFAULT_MAX_STREAMS;
  const maxPerToken = options.maxPerToken ?? DEFAULT_MAX_STREAMS_PER_TOKEN;
  const perKey = new Map<string, number>();
  let open = 0;
  let waiters: (() => void)[] = [];
  const signal = () => {
    const woken = waiters;
    waiters = [];
    for (const wake of woken) wake();
  };
  return {
    acquire(key) {
      const mine = perKey.get(key) ?? 0;
      if (mine >= maxPerToken) return { limit: "maxStreamsPerToken", value: maxPerToken };
      if (open >= max) return { limit: "maxStreams", value: max };
      perKey.set(key, mine + 1);
      open++;
      signal();
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          const left = (perKey.get(key) ?? 1) - 1;
          if (left === 0) perKey.delete(key);
          else perKey.set(key, left);
          open--;
          signal();
        },
      };
    },
    get open() {
      return open;
    },
    changed: () => new Promise<void>((resolve) => waiters.push(resolve)),
  };
}
