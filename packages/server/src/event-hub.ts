/**
 * Wakes event-stream readers when the kernel may have new events. Readers then query the log
 * themselves, so a missed wake-up only delays them until their next poll, never loses events.
 */
export interface EventHub {
  /** Signals every current waiter. */
  notify(): void;
  /** Resolves at the next {@link EventHub.notify} or after `timeoutMs`, whichever comes first. */
  next(timeoutMs: number): Promise<void>;
}

/**
 * Creates an {@link EventHub}.
 *
 * @example
 * ```ts
 * const hub = createEventHub();
 * await hub.next(5_000); // returns early when hub.notify() is called
 * ```
 */
export function createEventHub(): EventHub {
  let waiters: (() => void)[] = [];
  return {
    notify() {
      const woken = waiters;
      waiters = [];
      for (const wake of woken) wake();
    },
    next(timeoutMs) {
      return new Promise<void>((resolve) => {
        const timer = setTimeout(done, timeoutMs);
        function done() {
          clearTimeout(timer);
          waiters = waiters.filter((w) => w !== done);
          resolve();
        }
        waiters.push(done);
      });
    },
  };
}
