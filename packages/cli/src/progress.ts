import type { Io } from "./output.js";

/** Erase the terminal line and return to its start (CR, then ANSI "erase entire line"). */
const CLEAR_LINE = "\r\u001b[2K";

/** One status line on stderr, redrawn in place; see {@link progressLine}. */
export interface ProgressLine {
  /** Replaces the line's text. */
  update(text: string): void;
  /** Erases the line, so what is printed next starts on a clean line. */
  done(): void;
}

/**
 * A progress line for long commands: redrawn in place on stderr when it is a terminal and
 * `enabled`, and silent otherwise (piped output, `--json`), so logs and captured stderr never
 * fill with carriage returns. Lives as long as the command; call `done` before printing results.
 *
 * @example
 * ```ts
 * const line = progressLine(io, !json);
 * line.update("pool: round 3/30");
 * line.done();
 * ```
 */
export function progressLine(io: Io, enabled: boolean): ProgressLine {
  const active = enabled && io.errIsTty === true;
  let drawn = false;
  return {
    update(text) {
      if (!active) return;
      io.err(`${CLEAR_LINE}${text}`);
      drawn = true;
    },
    done() {
      if (drawn) io.err(CLEAR_LINE);
      drawn = false;
    },
  };
}
