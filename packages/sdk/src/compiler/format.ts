import type { CompileDiagnostic } from "./types.js";

/**
 * Formats a diagnostic the way compilers print them: `file:line:column: message` (or fewer
 * parts when the position is unknown).
 *
 * @example
 * ```ts
 * formatDiagnostic(d); // "src/pool.ts:7:16: Date is not available in contracts: use ctx.now ..."
 * ```
 */
export function formatDiagnostic(diagnostic: CompileDiagnostic): string {
  const { file, line, column, message } = diagnostic;
  if (!file) return message;
  if (line === undefined) return `${file}: ${message}`;
  return column === undefined
    ? `${file}:${line}: ${message}`
    : `${file}:${line}:${column}: ${message}`;
}
