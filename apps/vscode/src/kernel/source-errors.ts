import { isAbsolute, resolve } from "node:path";
import type { Envelope, JsonValue } from "@ecology/protocol";

/** A position in a source file that a failure points at, with what is wrong there. */
export interface SourceError {
  /** Absolute path. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  message: string;
}

/**
 * Where a failed deploy or invoke points in the sources: every compile error of a deploy
 * (`details.diagnostics`, as `deployFile` reports them), else the envelope's `at`. Relative files
 * are resolved against `workspace` when given (the language server names them relative to it).
 * Empty for a success or a failure without a position.
 *
 * @example
 * ```ts
 * sourceErrorsOf(envelope, "/ws"); // [{ file: "/ws/src/pool.ts", line: 7, column: 16, message: "…" }]
 * ```
 */
export function sourceErrorsOf(
  envelope: Envelope<unknown>,
  workspace: string | undefined,
): SourceError[] {
  if (envelope.success) return [];
  const { error } = envelope;
  const listed = error.details?.diagnostics;
  const fromDetails = Array.isArray(listed) ? listed.flatMap((d) => readDiagnostic(d)) : [];
  const found =
    fromDetails.length > 0
      ? fromDetails
      : error.at
        ? [{ ...error.at, message: error.message }]
        : [];
  if (workspace === undefined) return found;
  return found.map((e) => ({
    ...e,
    file: isAbsolute(e.file) ? e.file : resolve(workspace, e.file),
  }));
}

/** One entry of `details.diagnostics`, when it names a file and a line. */
function readDiagnostic(value: JsonValue): SourceError[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [];
  const { file, line, column, message } = value;
  if (typeof file !== "string" || typeof line !== "number" || typeof message !== "string")
    return [];
  return [{ file, line, column: typeof column === "number" ? column : 1, message }];
}
