/** What went wrong, as a code a caller can branch on. */
export type SimulateErrorCode =
  /** A scenario or persona file does not load: missing, does not bundle, throws, bad export. */
  | "scenario_invalid"
  /** A contract of the scenario does not compile or deploy. */
  | "setup_failed"
  /** A persona's `act` threw or returned something that is not an action. */
  | "persona_failed"
  /** Two scenarios given to `--compare` do not have the same population. */
  | "not_comparable"
  /** An invariant or metric function threw (a bug in the scenario, not a violation). */
  | "check_failed";

/**
 * The one error class of `@ecology/simulate`. Thrown for scenarios that cannot run (bad files,
 * contracts that do not compile, personas that throw); everything a simulated agent gets wrong
 * on the kernel is an envelope in the report instead.
 *
 * @example
 * ```ts
 * try { await runScenarioFile("scenarios/pool.ts"); }
 * catch (e) { if (e instanceof SimulateError && e.code === "scenario_invalid") console.error(e.message); }
 * ```
 */
export class SimulateError extends Error {
  readonly code: SimulateErrorCode;

  constructor(code: SimulateErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "SimulateError";
    this.code = code;
  }
}
