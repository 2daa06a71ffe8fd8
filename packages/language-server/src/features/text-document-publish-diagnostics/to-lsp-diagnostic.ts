import { type Diagnostic, DiagnosticSeverity } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { AnalysisDiagnostic } from "../../analysis/types.js";

const SEVERITY = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
} as const;

/**
 * Converts an analysis finding of `document` into an LSP diagnostic (offsets become positions).
 *
 * @example
 * ```ts
 * connection.sendDiagnostics({ uri, diagnostics: found.map((d) => toLspDiagnostic(doc, d)) });
 * ```
 */
export function toLspDiagnostic(document: TextDocument, found: AnalysisDiagnostic): Diagnostic {
  return {
    range: {
      start: document.positionAt(found.span.start),
      end: document.positionAt(found.span.end),
    },
    severity: SEVERITY[found.severity],
    code: found.code,
    source: found.source === "ts" ? "ts" : "ecology",
    message: found.message,
  };
}
