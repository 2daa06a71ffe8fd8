/** Codes of {@link SdkError}: each names a kind of bug, never an expected failure. */
export type SdkErrorCode = "invalid_definition" | "invalid_option" | "internal";

/**
 * The one error class of `@ecology/sdk`. It signals a programming error (a bad option, a broken
 * invariant); expected failures such as a contract that does not compile are returned as values.
 *
 * @example
 * ```ts
 * throw new SdkError("invalid_option", "withValue needs a non-negative safe integer");
 * ```
 */
export class SdkError extends Error {
  /** What kind of bug this is. */
  readonly code: SdkErrorCode;

  constructor(code: SdkErrorCode, message: string) {
    super(message);
    this.name = "SdkError";
    this.code = code;
  }
}
