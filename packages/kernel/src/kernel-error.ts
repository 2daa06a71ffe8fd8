/** Codes of {@link KernelError}: bugs and broken invariants, never expected failures. */
export type KernelErrorCode =
  | "invariant_broken"
  | "storage_failure"
  | "closed"
  | "unsupported"
  | "invalid_options"
  | "bug";

/**
 * The one error class of `@ecology/kernel`. It is thrown only for bugs and broken invariants
 * (ADR 0002); everything a user can get wrong comes back as an envelope instead.
 *
 * @example
 * ```ts
 * try { kernel.snapshot(); } catch (e) { if (e instanceof KernelError) console.error(e.code); }
 * ```
 */
export class KernelError extends Error {
  /** What kind of bug this is. */
  readonly code: KernelErrorCode;

  constructor(code: KernelErrorCode, message: string) {
    super(message);
    this.name = "KernelError";
    this.code = code;
  }
}
