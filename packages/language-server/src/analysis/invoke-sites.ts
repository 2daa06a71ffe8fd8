import { ts } from "ts-morph";
import { GENESIS_REFS } from "./genesis-catalog.js";
import type { Span } from "./types.js";

/** How a call names its target: a plain id string, or a typed ref the type checker already checks. */
export type TargetStyle = "string" | "typed-ref";

/** A `ctx.invoke(target, method, ...args)` or `ctx.call(...)` in contract code. */
export interface InvokeSite {
  call: ts.CallExpression;
  verb: "invoke" | "call";
  targetNode: ts.Expression;
  /** The artifact id, when it can be read statically. */
  targetId?: string;
  style: TargetStyle;
  methodNode?: ts.Expression;
  /** The method name, when it is a string literal. */
  method?: string;
  /** Arguments after the method, without a trailing `withValue(...)` / `withOptions(...)`. */
  args: ts.Expression[];
}

const sites = new WeakMap<ts.SourceFile, InvokeSite[]>();

/**
 * Text of a string literal (also while it is still being typed and unterminated).
 *
 * @example
 * ```ts
 * stringValue(site.methodNode); // "transfer"
 * ```
 */
export function stringValue(node: ts.Node | undefined): string | undefined {
  if (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) {
    return node.text;
  }
  return undefined;
}

/**
 * The span of a string literal's content, without its quotes.
 *
 * @example
 * ```ts
 * contentSpan(literal); // { start: 11, end: 18 } for `"counter"` at 10
 * ```
 */
export function contentSpan(node: ts.Node): Span {
  const start = node.getStart() + 1;
  const text = node.getText();
  const closed = text.length >= 2 && text.endsWith(text[0] ?? "");
  return { start, end: closed ? node.getEnd() - 1 : node.getEnd() };
}

function constInitializer(name: ts.Identifier): ts.Expression | undefined {
  let found: ts.Expression | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.name.text === name.text &&
      node.initializer &&
      ts.isVariableDeclarationList(node.parent) &&
      node.parent.flags & ts.NodeFlags.Const
    ) {
      found = node.initializer;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(name.getSourceFile());
  return found;
}

function resolveTarget(node: ts.Expression): { id?: string; style: TargetStyle } {
  const literal = stringValue(node);
  if (literal !== undefined) return { id: literal, style: "string" };
  if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
    if (node.expression.text !== "genesis") return { style: "typed-ref" };
    const id = GENESIS_REFS.get(node.name.text);
    return id ? { id, style: "typed-ref" } : { style: "typed-ref" };
  }
  if (!ts.isIdentifier(node)) return { style: "typed-ref" };
  const init = constInitializer(node);
  const value = stringValue(init);
  if (value !== undefined) return { id: value, style: "string" };
  if (init && ts.isCallExpression(init) && ts.isIdentifier(init.expression)) {
    if (init.expression.text === "contractRef") {
      const id = stringValue(init.arguments[0]);
      return id !== undefined ? { id, style: "typed-ref" } : { style: "typed-ref" };
    }
  }
  return { style: "typed-ref" };
}

function isWithValue(node: ts.Expression | undefined): boolean {
  return (
    node !== undefined &&
    ts.isCallExpression(node) &&
    ts.isIdentifier(node.expression) &&
    (node.expression.text === "withValue" || node.expression.text === "withOptions")
  );
}

/** `ctx.invoke(...)`/`ctx.call(...)` where `ctx` is a contract context by name or position. */
function siteOf(node: ts.CallExpression): InvokeSite | undefined {
  const callee = node.expression;
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression)) return;
  const verb = callee.name.text;
  if (verb !== "invoke" && verb !== "call") return;
  if (!/ctx|context/i.test(callee.expression.text)) return;
  const [targetNode, methodNode, ...rest] = node.arguments;
  if (!targetNode) return;
  const { id, style } = resolveTarget(targetNode);
  const args = isWithValue(rest.at(-1)) ? rest.slice(0, -1) : rest;
  const site: InvokeSite = { call: node, verb, targetNode, style, args };
  if (id !== undefined) site.targetId = id;
  if (methodNode) {
    site.methodNode = methodNode;
    const method = stringValue(methodNode);
    if (method !== undefined) site.method = method;
  }
  return site;
}

/**
 * Every `ctx.invoke` / `ctx.call` of a file, with the target id and method when they are written
 * as literals, `genesis.<name>` refs, or constants (`const pool = contractRef<P>("pool_1")`).
 * Syntax only; cached per syntax tree.
 *
 * @example
 * ```ts
 * findInvokeSites(file).map((s) => `${s.targetId}.${s.method}`); // ["genesis_ledger.transfer"]
 * ```
 */
export function findInvokeSites(file: ts.SourceFile): InvokeSite[] {
  const cached = sites.get(file);
  if (cached) return cached;
  const found: InvokeSite[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const site = siteOf(node);
      if (site) found.push(site);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  sites.set(file, found);
  return found;
}
