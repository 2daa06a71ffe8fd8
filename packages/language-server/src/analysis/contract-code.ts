import { ts } from "ts-morph";
import { readContractShape } from "./contract-shape.js";

function isOwnSource(file: ts.SourceFile | undefined): file is ts.SourceFile {
  return file !== undefined && !file.isDeclarationFile && !file.fileName.includes("/node_modules/");
}

function importedFiles(checker: ts.TypeChecker, file: ts.SourceFile): ts.SourceFile[] {
  const out: ts.SourceFile[] = [];
  for (const statement of file.statements) {
    const isImport = ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement);
    const specifier = isImport ? statement.moduleSpecifier : undefined;
    if (!specifier || !ts.isStringLiteral(specifier)) continue;
    // Only relative imports can be workspace code; packages are bundled from node_modules.
    if (!specifier.text.startsWith(".")) continue;
    const module = checker.getSymbolAtLocation(specifier);
    const target = module?.declarations?.[0]?.getSourceFile();
    if (isOwnSource(target)) out.push(target);
  }
  return out;
}

/**
 * The files that end up inside a contract bundle: every contract file (one that calls
 * `defineContract`) and every workspace file they import, transitively. Only these must be
 * deterministic; tests and scripts next to them may use `Date`, Node modules and the rest.
 *
 * @example
 * ```ts
 * contractCode(program, workspace.files()).has("/ws/lib/clamp.ts"); // true when a contract imports it
 * ```
 */
export function contractCode(program: ts.Program, files: readonly ts.SourceFile[]): Set<string> {
  const checker = program.getTypeChecker();
  const seen = new Set<string>();
  const pending = files.filter((f) => readContractShape(f) !== undefined);
  while (pending.length > 0) {
    const file = pending.pop() as ts.SourceFile;
    if (seen.has(file.fileName)) continue;
    seen.add(file.fileName);
    pending.push(...importedFiles(checker, file));
  }
  return seen;
}
