/** Codes of {@link TestingError}: each names a kind of broken test setup or broken invariant. */
export type TestingErrorCode =
  | "invariant_broken"
  | "setup_failed"
  | "compile_failed"
  | "deploy_failed"
  | "replay_failed"
  | "ambiguous_kernel"
  | "cost_changed"
  | "property_failed"
  | "bad_snapshot"
  | "closed";

/**
 * The one error class of `@ecology/testing`. The kit throws it for problems in the test itself:
 * an invariant that broke after a transaction, a contract that does not compile, a fixture that
 * cannot be created. Ordinary call failures are envelopes, never this.
 *
 * @example
 * ```ts
 * try { alice.invoke("pool", "distribute"); }
 * catch (e) { if (e instanceof TestingError && e.code === "invariant_broken") console.log(e.message); }
 * ```
 */
export class TestingError extends Error {
  readonly code: TestingErrorCode;
  readonly details: { [key: string]: unknown } | undefined;

  constructor(code: TestingErrorCode, message: string, details?: { [key: string]: unknown }) {
    super(message);
    this.name = "TestingError";
    this.code = code;
    this.details = details;
  }
}
