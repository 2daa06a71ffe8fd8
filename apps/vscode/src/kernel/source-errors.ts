import { dirname, isAbsolute, resolve } from "node:path";
import type { Envelope, JsonValue } from "@ecology/protocol";

/** A position in a source file that a failure points at, with what is wrong there. */
export interface SourceError {
  /** Absolute once resolved; as the envelope named it when nothing says relative to what. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  message: string;
}

/**
 * What a failure's relative file names are relative to: compile errors (from the language
 * server's `ecology.deploy`) to the workspace folder; a runtime error's `at` (from the source
 * map) to the folder of the contract's entry file, when known.
 */
export interface SourceBase {
  workspace: string;
  /** The contract file that was deployed. */
  entry?: string;
}

/**
 * Where a failed deploy or invoke points in the sources: every compile error of a deploy
 * (`details.diagnostics`, as `deployFile` reports them), else the envelope's `at`. Relative
 * files are resolved against `base` when it says what they are relative to, and left as they
 * are otherwise. Empty for a success or a failure without a position.
 *
 * @example
 * ```ts
 * sourceErrorsOf(envelope, { workspace: "/ws" }); // [{ file: "/ws/src/pool.ts", line: 7, … }]
 * ```
 */
export function sourceErrorsOf(envelope: Envelope<unknown>, base?: SourceBase): SourceError[] {
  if (envelope.success) return [];
  const { error } = envelope;
  const listed = error.details?.diagnostics;
  const compiled = Array.isArray(listed) ? listed.flatMap((d) => readDiagnostic(d)) : [];
  if (compiled.length > 0) return compiled.map((e) => resolvedIn(base?.workspace, e));
  if (!error.at) return [];
  const entryDir = base?.entry === undefined ? undefined : dirname(base.entry);
  return [resolvedIn(entryDir, { ...error.at, message: error.message })];
}

function resolvedIn(dir: string | undefined, e: SourceError): SourceError {
  return dir === undefined || isAbsolute(e.file) ? e : { ...e, file: resolve(dir, e.file) };
}

/** One entry of `details.diagnostics`, when it names a file and a line. */
function readDiagnostic(value: JsonValue): SourceError[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [];
  const { file, line, column, message } = value;
  if (typeof file !== "string" || typeof line !== "number" || typeof message !== "string")
    return [];
  return [{ file, line, column: typeof column === "number" ? column : 1, message }];
}
