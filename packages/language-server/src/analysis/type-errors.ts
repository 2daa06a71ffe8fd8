import { ts } from "ts-morph";
import type { AnalysisDiagnostic } from "./types.js";

function severity(category: ts.DiagnosticCategory): AnalysisDiagnostic["severity"] {
  if (category === ts.DiagnosticCategory.Error) return "error";
  if (category === ts.DiagnosticCategory.Warning) return "warning";
  return "info";
}

/**
 * TypeScript's syntactic and semantic errors of one file of `program`, as analysis findings
 * (`source: "ts"`, `code`: the TS error number).
 *
 * @example
 * ```ts
 * typeErrors(program, file)[0]?.message; // "Type 'string' is not assignable to type 'number'."
 * ```
 */
export function typeErrors(program: ts.Program, file: ts.SourceFile): AnalysisDiagnostic[] {
  const all = [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)];
  return all.map((d) => ({
    source: "ts",
    code: d.code,
    severity: severity(d.category),
    message: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
    span: { start: d.start ?? 0, end: (d.start ?? 0) + (d.length ?? 0) },
  }));
}
