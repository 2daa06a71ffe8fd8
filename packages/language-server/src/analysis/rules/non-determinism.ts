import { builtinModules } from "node:module";
import { MATH_RANDOM_HINT, NON_DETERMINISTIC_GLOBALS } from "@ecology/sdk/rules";
import { ts } from "ts-morph";
import type { AnalysisDiagnostic, Fix } from "../types.js";
import { RULES } from "./codes.js";
import { contextNameAt } from "./context-name.js";

const NODE_MODULES = new Set(builtinModules);

/** Unresolved, or declared only in declaration files: an ambient global, not a local. */
function isAmbient(checker: ts.TypeChecker, node: ts.Identifier): boolean {
  const symbol = checker.getSymbolAtLocation(node);
  if (!symbol) return true;
  return (symbol.declarations ?? []).every((d) => d.getSourceFile().isDeclarationFile);
}

/** Read as a value: not a declaration name, property name, type or import/export name. */
function isValueUse(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent)) return parent.expression === node;
  if (ts.isQualifiedName(parent) || ts.isTypeReferenceNode(parent)) return false;
  if ("name" in parent && (parent as { name?: ts.Node }).name === node) {
    return ts.isShorthandPropertyAssignment(parent);
  }
  return !ts.isImportSpecifier(parent) && !ts.isExportSpecifier(parent);
}

function replaceFix(node: ts.Node, title: string, newText: string): Fix {
  const path = node.getSourceFile().fileName;
  return {
    title,
    edits: [{ path, span: { start: node.getStart(), end: node.getEnd() }, newText }],
  };
}

function diagnostic(node: ts.Node, message: string, fixes?: Fix[]): AnalysisDiagnostic {
  const d: AnalysisDiagnostic = {
    source: "ecology",
    code: RULES.nonDeterminism,
    severity: "error",
    message,
    span: { start: node.getStart(), end: node.getEnd() },
  };
  if (fixes?.length) d.fixes = fixes;
  return d;
}

/** `Date.now()` / `Math.random()`: the call expression and the member name. */
function memberCall(node: ts.Node, object: string, member: string): ts.CallExpression | undefined {
  if (!ts.isCallExpression(node) || node.arguments.length > 0) return undefined;
  const callee = node.expression;
  return ts.isPropertyAccessExpression(callee) &&
    ts.isIdentifier(callee.expression) &&
    callee.expression.text === object &&
    callee.name.text === member
    ? node
    : undefined;
}

function checkCall(node: ts.Node, checker: ts.TypeChecker): AnalysisDiagnostic | undefined {
  const now = memberCall(node, "Date", "now");
  const random = memberCall(node, "Math", "random");
  const call = now ?? random;
  if (!call) return undefined;
  const object = (call.expression as ts.PropertyAccessExpression).expression as ts.Identifier;
  if (!isAmbient(checker, object)) return undefined;
  const ctx = contextNameAt(call);
  if (now) {
    const fixes = ctx ? [replaceFix(call, `Use ${ctx}.now`, `${ctx}.now`)] : [];
    return diagnostic(call, "Date.now() is not deterministic: use ctx.now (kernel time)", fixes);
  }
  const fixes = ctx ? [replaceFix(call, `Use ${ctx}.random()`, `${ctx}.random()`)] : [];
  return diagnostic(call, `Math.random() is not deterministic: ${MATH_RANDOM_HINT}`, fixes);
}

function moduleName(node: ts.Node): ts.StringLiteral | undefined {
  if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
    const specifier = node.moduleSpecifier;
    return specifier && ts.isStringLiteral(specifier) ? specifier : undefined;
  }
  if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
    const arg = node.arguments[0];
    return arg && ts.isStringLiteral(arg) ? arg : undefined;
  }
  return undefined;
}

function checkImport(node: ts.Node): AnalysisDiagnostic | undefined {
  const name = moduleName(node);
  if (!name) return undefined;
  const bare = name.text.startsWith("node:") ? name.text.slice(5) : name.text;
  if (!name.text.startsWith("node:") && !NODE_MODULES.has(bare.split("/")[0] ?? "")) return;
  return {
    source: "ecology",
    code: RULES.nodeImport,
    severity: "error",
    message: `"${name.text}" is a Node module: contracts run in a sandbox without Node; use ctx`,
    span: { start: name.getStart(), end: name.getEnd() },
  };
}

/**
 * Finds non-determinism in a contract file: `Date`, `Math.random`, timers, `fetch`,
 * `performance`, `process`, `require`, `crypto` used as globals (locals of the same name are
 * fine), and imports of Node modules. `Date.now()` and `Math.random()` carry quick fixes.
 *
 * @example
 * ```ts
 * checkNonDeterminism(file, program.getTypeChecker()).map((d) => d.code); // ["non-determinism"]
 * ```
 */
export function checkNonDeterminism(
  file: ts.SourceFile,
  checker: ts.TypeChecker,
): AnalysisDiagnostic[] {
  const found: AnalysisDiagnostic[] = [];
  const visit = (node: ts.Node): void => {
    // Types are erased before the program runs, so `Date` as a type is harmless.
    if (ts.isTypeNode(node) || ts.isTypeAliasDeclaration(node) || ts.isInterfaceDeclaration(node))
      return;
    const imported = checkImport(node);
    if (imported) found.push(imported);
    const call = checkCall(node, checker);
    if (call) {
      found.push(call);
      return;
    }
    if (ts.isPropertyAccessExpression(node) && node.name.text === "random") {
      const object = node.expression;
      if (ts.isIdentifier(object) && object.text === "Math" && isAmbient(checker, object)) {
        found.push(diagnostic(node, "Math.random is not deterministic: use ctx.random()"));
        return;
      }
    }
    if (ts.isIdentifier(node)) {
      const hint = NON_DETERMINISTIC_GLOBALS.get(node.text);
      if (hint && isValueUse(node) && isAmbient(checker, node)) {
        found.push(diagnostic(node, `${node.text} is not available in contracts: ${hint}`));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
