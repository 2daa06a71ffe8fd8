import ts from "typescript";
import { displayPath } from "./bundle.js";
import type { CompileDiagnostic } from "./types.js";

/** Globals that would make a contract's behaviour depend on the machine or the moment. */
const FORBIDDEN_GLOBALS: ReadonlyMap<string, string> = new Map([
  ["Date", "use ctx.now (kernel time, fixed for the transaction)"],
  ["setTimeout", "contracts run to completion; there are no timers"],
  ["setInterval", "contracts run to completion; there are no timers"],
  ["setImmediate", "contracts run to completion; there are no timers"],
  ["queueMicrotask", "contracts run synchronously"],
  ["fetch", "the sandbox has no network; call another artifact with ctx.call"],
  ["XMLHttpRequest", "the sandbox has no network; call another artifact with ctx.call"],
  ["performance", "use ctx.now; wall-clock time is not deterministic"],
  ["process", "the sandbox has no process; use ctx"],
  ["require", "import modules statically so the compiler can bundle them"],
  ["crypto", "use ctx.random() for deterministic randomness"],
]);

const MATH_RANDOM_HINT = "use ctx.random() (deterministic, seeded from the transaction)";

/** A global of the environment: unresolved, or declared only in declaration files. */
function isAmbientGlobal(checker: ts.TypeChecker, node: ts.Identifier): boolean {
  const symbol = checker.getSymbolAtLocation(node);
  if (!symbol) return true;
  const declarations = symbol.declarations ?? [];
  return declarations.every((d) => d.getSourceFile().isDeclarationFile);
}

/** Is this identifier read as a value (not a declaration name, property name or type)? */
function isValueReference(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return false;
  if (ts.isPropertyAssignment(parent) && parent.name === node) return false;
  if (ts.isMethodDeclaration(parent) && parent.name === node) return false;
  if (ts.isPropertyDeclaration(parent) && parent.name === node) return false;
  if (ts.isPropertySignature(parent) || ts.isMethodSignature(parent)) return false;
  if (ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent) || ts.isImportClause(parent)) {
    return false;
  }
  const declared = parent as ts.Node & { name?: ts.Node };
  if (ts.isDeclarationStatement(parent) || ts.isVariableDeclaration(parent)) {
    return declared.name !== node;
  }
  if (ts.isParameter(parent) || ts.isBindingElement(parent)) return parent.name !== node;
  return true;
}

function at(node: ts.Node, file: ts.SourceFile, message: string): CompileDiagnostic {
  const { line, character } = file.getLineAndCharacterOfPosition(node.getStart(file));
  const path = displayPath(file.fileName);
  return {
    severity: "error",
    rule: "non-determinism",
    message: `${path}:${line + 1}:${character + 1}: ${message}`,
    file: path,
    line: line + 1,
    column: character + 1,
  };
}

function checkMathRandom(node: ts.Node, checker: ts.TypeChecker): boolean {
  if (ts.isPropertyAccessExpression(node) && node.name.text === "random") {
    return ts.isIdentifier(node.expression) && node.expression.text === "Math"
      ? isAmbientGlobal(checker, node.expression)
      : false;
  }
  if (ts.isElementAccessExpression(node) && ts.isIdentifier(node.expression)) {
    const key = node.argumentExpression;
    return (
      node.expression.text === "Math" &&
      ts.isStringLiteralLike(key) &&
      key.text === "random" &&
      isAmbientGlobal(checker, node.expression)
    );
  }
  return false;
}

/** Finds non-deterministic globals in one file. */
function checkFile(file: ts.SourceFile, checker: ts.TypeChecker): CompileDiagnostic[] {
  const found: CompileDiagnostic[] = [];
  const visit = (node: ts.Node): void => {
    // Types are erased before the program runs, so `Date` as a type is harmless.
    if (ts.isTypeNode(node) || ts.isTypeAliasDeclaration(node) || ts.isInterfaceDeclaration(node)) {
      return;
    }
    if (checkMathRandom(node, checker)) {
      found.push(at(node, file, `Math.random is not deterministic: ${MATH_RANDOM_HINT}`));
    } else if (ts.isIdentifier(node)) {
      const hint = FORBIDDEN_GLOBALS.get(node.text);
      if (hint && isValueReference(node) && isAmbientGlobal(checker, node)) {
        found.push(at(node, file, `${node.text} is not available in contracts: ${hint}`));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/**
 * Reports every use of a non-deterministic or host global (`Date`, `Math.random`, timers,
 * `fetch`, `performance`, `process`, `require`, `crypto`) in the given files of `program`, each
 * with `file:line:column`. Local variables of the same name are allowed.
 */
export function checkDeterminism(
  program: ts.Program,
  files: readonly string[],
): CompileDiagnostic[] {
  const checker = program.getTypeChecker();
  const diagnostics: CompileDiagnostic[] = [];
  for (const name of files) {
    const file = program.getSourceFile(name);
    if (file && !file.isDeclarationFile) diagnostics.push(...checkFile(file, checker));
  }
  return diagnostics;
}
