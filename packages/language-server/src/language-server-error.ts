/** What went wrong inside the language server (a bug or a broken invariant, never user input). */
export type LanguageServerErrorCode = "not_initialized" | "invalid_command" | "internal";

/**
 * The one error class of `@ecology/language-server`. Handlers never let it escape: they log it
 * and answer empty, so the process keeps serving.
 *
 * @example
 * ```ts
 * throw new LanguageServerError("not_initialized", "a request arrived before initialize");
 * ```
 */
export class LanguageServerError extends Error {
  /** A stable machine-readable code. */
  readonly code: LanguageServerErrorCode;

  constructor(code: LanguageServerErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "LanguageServerError";
    this.code = code;
  }
}
