import type { ErrorCode, JsonValue } from "@ecology/protocol";

/**
 * The one error class of `@ecology/cli`: a command that cannot run (no `.ecology/`, no
 * credentials for `--as`, a file that does not compile). The CLI prints it as one line with
 * its code and hint and exits 1; it never escapes {@link runCli}.
 *
 * @example
 * ```ts
 * throw new CliError("not_found", "no .ecology/ here", "run `ecology init` first");
 * ```
 */
export class CliError extends Error {
  override name = "CliError";
  /** An envelope error code, so CLI failures read like kernel ones. */
  readonly code: ErrorCode;
  /** What to do about it. */
  readonly hint: string | undefined;
  /** Extra data for `--json` (e.g. compiler diagnostics). */
  readonly details: { [key: string]: JsonValue } | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    hint?: string,
    details?: { [key: string]: JsonValue },
  ) {
    super(message);
    this.code = code;
    this.hint = hint;
    this.details = details;
  }
}
