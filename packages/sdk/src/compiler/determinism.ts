import { readFileSync } from "node:fs";
import ts from "typescript";
import { MATH_RANDOM_HINT, NON_DETERMINISTIC_GLOBALS } from "../rules.js";
import { displayPath } from "./bundle.js";
import type { CompileDiagnostic } from "./types.js";

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
    message,
    file: path,
    line: line + 1,
    column: character + 1,
  };
}

/** Tells whether an identifier refers to a global of the environment. */
type IsGlobal = (node: ts.Identifier) => boolean;

function checkMathRandom(node: ts.Node, isGlobal: IsGlobal): boolean {
  if (ts.isPropertyAccessExpression(node) && node.name.text === "random") {
    return ts.isIdentifier(node.expression) && node.expression.text === "Math"
      ? isGlobal(node.expression)
      : false;
  }
  if (ts.isElementAccessExpression(node) && ts.isIdentifier(node.expression)) {
    const key = node.argumentExpression;
    return (
      node.expression.text === "Math" &&
      ts.isStringLiteralLike(key) &&
      key.text === "random" &&
      isGlobal(node.expression)
    );
  }
  return false;
}

// esbuild bundles `require("literal")` in JavaScript dependencies; only dynamic use escapes it.
function isStaticRequire(node: ts.Identifier): boolean {
  const call = node.parent;
  return (
    ts.isCallExpression(call) &&
    call.expression === node &&
    call.arguments.length === 1 &&
    ts.isStringLiteralLike(call.arguments[0] as ts.Node)
  );
}

/** Finds non-deterministic globals in one file. */
function checkFile(
  file: ts.SourceFile,
  isGlobal: IsGlobal,
  javascript = false,
): CompileDiagnostic[] {
  const found: CompileDiagnostic[] = [];
  const visit = (node: ts.Node): void => {
    // Types are erased before the program runs, so `Date` as a type is harmless.
    if (ts.isTypeNode(node) || ts.isTypeAliasDeclaration(node) || ts.isInterfaceDeclaration(node)) {
      return;
    }
    if (checkMathRandom(node, isGlobal)) {
      found.push(at(node, file, `Math.random is not deterministic: ${MATH_RANDOM_HINT}`));
    } else if (ts.isIdentifier(node)) {
      const hint = NON_DETERMINISTIC_GLOBALS.get(node.text);
      const bundled = javascript && node.text === "require" && isStaticRequire(node);
      if (hint && !bundled && isValueReference(node) && isGlobal(node)) {
        found.push(at(node, file, `${node.text} is not available in contracts: ${hint}`));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** Every name a JavaScript file declares anywhere (a scope-free approximation). */
function declaredNames(file: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    const name = (node as ts.Node & { name?: ts.Node }).name;
    const declares =
      ts.isVariableDeclaration(node) ||
      ts.isParameter(node) ||
      ts.isBindingElement(node) ||
      ts.isFunctionDeclaration(node) ||
      ts.isFunctionExpression(node) ||
      ts.isClassDeclaration(node) ||
      ts.isImportSpecifier(node) ||
      ts.isImportClause(node) ||
      ts.isNamespaceImport(node);
    if (declares && name && ts.isIdentifier(name)) names.add(name.text);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return names;
}

/** Checks a bundled JavaScript file that is not part of the TypeScript program (a dependency). */
function checkJavaScript(path: string): CompileDiagnostic[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return [];
  }
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const declared = declaredNames(file);
  return checkFile(file, (node) => !declared.has(node.text), true);
}

/**
 * Reports every use of a non-deterministic or host global (`Date`, `Math.random`, timers,
 * `fetch`, `performance`, `process`, `require`, `crypto`) in the given files, each with
 * `file:line:column`. Files of `program` are checked with the type checker (a local variable of
 * the same name is fine); JavaScript files outside it (bundled dependencies) by their syntax,
 * treating a name as global unless the file declares it somewhere.
 */
export function checkDeterminism(
  program: ts.Program,
  files: readonly string[],
): CompileDiagnostic[] {
  const checker = program.getTypeChecker();
  const isGlobal: IsGlobal = (node) => isAmbientGlobal(checker, node);
  const diagnostics: CompileDiagnostic[] = [];
  for (const name of files) {
    const file = program.getSourceFile(name);
    if (file) {
      if (!file.isDeclarationFile) diagnostics.push(...checkFile(file, isGlobal));
    } else if (/\.[cm]?jsx?$/.test(name)) {
      diagnostics.push(...checkJavaScript(name));
    }
  }
  return diagnostics;
}
