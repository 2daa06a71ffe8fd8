import type { RunErrorCode } from "./types.js";

/** Codes of {@link RuntimeError}: misuse of the API or a broken invariant, never a program failure. */
export type RuntimeErrorCode =
  | "disposed"
  | "invalid_program"
  | "invalid_limits"
  | "invalid_state"
  | "internal";

/**
 * The one error class this package throws, for bugs and misuse only (a disposed program, a
 * stack limit above 256 KiB, source that does not parse). Program failures are never thrown:
 * they are `RunResult` values.
 *
 * @example
 * ```ts
 * try { runtime.load({ id: "x", code: "}{" }) }
 * catch (e) { if (e instanceof RuntimeError && e.code === "invalid_program") report(e.message) }
 * ```
 */
export class RuntimeError extends Error {
  readonly code: RuntimeErrorCode;
  constructor(code: RuntimeErrorCode, message: string) {
    super(message);
    this.name = "RuntimeError";
    this.code = code;
  }
}

/**
 * Thrown by a host function to end the whole run with `code` (for example the kernel ending a
 * run whose caller ran out of gas). The program cannot catch it: the run returns
 * `{ ok: false, error: { code, message } }`. Any other error thrown by a host function becomes a
 * catchable `Error` inside the sandbox instead.
 *
 * @example
 * ```ts
 * const host = { pay: () => { throw new RunAbort("out_of_compute", "caller out of gas") } };
 * ```
 */
export class RunAbort extends Error {
  readonly code: RunErrorCode;
  constructor(code: RunErrorCode, message: string) {
    super(message);
    this.name = "RunAbort";
    this.code = code;
  }
}
