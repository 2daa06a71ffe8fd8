import { TestingError } from "./testing-error.js";

/** 2026-01-01T00:00:00Z: a fixed, readable default start for kernel time in tests. */
export const DEFAULT_START_TIME = Date.UTC(2026, 0, 1);

/**
 * Kernel time that moves only when the test says so. `now` is what `ctx.now` sees in the next
 * transaction; it never moves by itself, so tests about deadlines need no sleeps.
 */
export interface ManualClock {
  /** The current kernel time in ms. */
  readonly now: number;
  /** Moves time forward by `ms` (a non-negative integer); returns the new time. */
  advance(ms: number): number;
  /** Sets the time; it may not go backwards, like a real clock. Returns the new time. */
  set(ms: number): number;
}

/** A {@link ManualClock} plus the function the kernel reads (internal to the kit). */
export interface DrivenClock extends ManualClock {
  read(): number;
  /** Puts the clock back to a snapshot's time, the one place time may go back. */
  rewind(ms: number): void;
}

function checkTime(ms: number, what: string): void {
  if (!Number.isSafeInteger(ms) || ms < 0)
    throw new TestingError(
      "setup_failed",
      `${what} must be a non-negative safe integer, got ${ms}`,
    );
}

/**
 * Creates a manual clock starting at `start` ms.
 *
 * @throws {TestingError} `setup_failed` for a negative or fractional time or a step backwards.
 * @example
 * ```ts
 * const clock = createManualClock(0);
 * clock.advance(60_000); // clock.now === 60_000
 * ```
 */
export function createManualClock(start: number = DEFAULT_START_TIME): DrivenClock {
  checkTime(start, "start time");
  let now = start;
  return {
    get now() {
      return now;
    },
    advance(ms) {
      checkTime(ms, "advance(ms)");
      now += ms;
      return now;
    },
    set(ms) {
      checkTime(ms, "set(ms)");
      if (ms < now)
        throw new TestingError("setup_failed", `time cannot go back from ${now} to ${ms}`);
      now = ms;
      return now;
    },
    read: () => now,
    rewind(ms) {
      now = ms;
    },
  };
}
