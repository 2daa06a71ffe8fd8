import type { HostApi, RunErrorCode, RuntimeLimits } from "./types.js";

/** How deep runs may nest (host function → run → host function …) before refusing. */
export const MAX_NESTING = 32;

/** The state of one active run. Frames form one process-wide stack: runs nest synchronously. */
export interface Frame {
  /** The sandbox executing this run (compared by identity). */
  readonly owner: object;
  readonly limits: RuntimeLimits;
  readonly host: HostApi;
  /** Compute units this run may spend (its own limit capped by the parent's remaining units). */
  readonly budget: number;
  /** `performance.now()` after which the interrupt handler stops the run. */
  readonly deadlineAt: number;
  /** Set when the run must end: the code wins over whatever the program does next. */
  abort: { code: RunErrorCode; message: string } | undefined;
  /** True while a host function of this run executes (only then may a nested run start). */
  inHostCall: boolean;
  /** Units left when the current host call began (read lazily, see `unitsLeftAtHostCall`). */
  hostLeft: number | undefined;
  /** Units spent by nested runs during the current host call. */
  childUnits: number;
  /** Nested runs started during the current host call. */
  childRuns: number;
  /** Units spent when a host function aborted the run (the rest of the budget is not charged). */
  spentAtAbort: number | undefined;
}

const stack: Frame[] = [];

/** The innermost active run, if any. */
export function currentFrame(): Frame | undefined {
  return stack[stack.length - 1];
}

/** Number of active runs (0 when no run is executing). */
export function activeFrames(): number {
  return stack.length;
}

/** Pushes `frame`, calls `body`, and pops it again even if `body` throws. */
export function withFrame<T>(frame: Frame, body: () => T): T {
  stack.push(frame);
  try {
    return body();
  } finally {
    stack.pop();
  }
}
