import { resolve } from "node:path";
import ts from "typescript";
import { displayPath } from "./bundle.js";
import type { CompileDiagnostic } from "./types.js";

function convert(diagnostic: ts.Diagnostic): CompileDiagnostic {
  const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
  const file = diagnostic.file;
  if (!file || diagnostic.start === undefined) {
    return { severity: "error", rule: "type", message: text };
  }
  const { line, character } = file.getLineAndCharacterOfPosition(diagnostic.start);
  const path = displayPath(file.fileName);
  return {
    severity: "error",
    rule: "type",
    message: text,
    file: path,
    line: line + 1,
    column: character + 1,
  };
}

/** Syntax and type errors of the given files (the contract's own sources, not dependencies). */
export function typeDiagnostics(
  program: ts.Program,
  files: readonly string[],
): CompileDiagnostic[] {
  const wanted = new Set(files.map((f) => resolve(f)));
  const out: CompileDiagnostic[] = [];
  for (const file of program.getSourceFiles()) {
    if (!wanted.has(resolve(file.fileName))) continue;
    out.push(...program.getSyntacticDiagnostics(file).map(convert));
    out.push(...program.getSemanticDiagnostics(file).map(convert));
  }
  return out;
}
