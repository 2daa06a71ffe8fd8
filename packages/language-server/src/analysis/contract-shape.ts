import { basename } from "node:path";
import { ts } from "ts-morph";
import type { Span } from "./types.js";

/** A method or view written in a contract definition's object literal. */
export interface ContractMember {
  name: string;
  kind: "method" | "view";
  /** Where the name is written. */
  nameSpan: Span;
  /** The function, when it is written inline (method shorthand, arrow or function expression). */
  fn?: ts.SignatureDeclaration;
  /** Parameters after `ctx`. */
  params: ts.ParameterDeclaration[];
}

/** What a contract file declares, read from its syntax alone (cheap, no type checker). */
export interface ContractShape {
  /** The artifact id a workspace contract is known by: its file name without extension. */
  id: string;
  file: ts.SourceFile;
  /** The `defineContract(...)` call, when there is one. */
  defineCall?: ts.CallExpression;
  /** Whether the default export is (a variable holding) the `defineContract` call. */
  exported: boolean;
  /** The `methods: { ... }` literal, where a stub would be added. */
  methodsObject?: ts.ObjectLiteralExpression;
  init?: ts.SignatureDeclaration;
  /** `migrate(ctx, ...args)`, run by an upgrade to this code with the old state (DESIGN.md §9). */
  migrate?: ts.SignatureDeclaration;
  members: ContractMember[];
  /** Literal prices of `prices: { name: n }`. */
  prices: Map<string, number>;
}

const shapes = new WeakMap<ts.SourceFile, ContractShape | null>();

function isDefineCall(node: ts.Node): node is ts.CallExpression {
  return (
    ts.isCallExpression(node) &&
    ts.isIdentifier(node.expression) &&
    node.expression.text === "defineContract"
  );
}

function propertyName(property: ts.ObjectLiteralElementLike): string | undefined {
  const name = property.name;
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) {
    return name.text;
  }
  return undefined;
}

function functionOf(property: ts.ObjectLiteralElementLike): ts.SignatureDeclaration | undefined {
  if (ts.isMethodDeclaration(property)) return property;
  if (ts.isPropertyAssignment(property)) {
    const init = property.initializer;
    if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
  }
  return undefined;
}

function objectProperty(object: ts.ObjectLiteralExpression, name: string) {
  const property = object.properties.find((p) => propertyName(p) === name);
  if (property && ts.isPropertyAssignment(property)) {
    return ts.isObjectLiteralExpression(property.initializer) ? property.initializer : undefined;
  }
  return undefined;
}

function members(object: ts.ObjectLiteralExpression | undefined, kind: ContractMember["kind"]) {
  const out: ContractMember[] = [];
  for (const property of object?.properties ?? []) {
    const name = propertyName(property);
    if (name === undefined || !property.name) continue;
    const fn = functionOf(property);
    const nameSpan = { start: property.name.getStart(), end: property.name.getEnd() };
    const member: ContractMember = { name, kind, nameSpan, params: [...(fn?.parameters ?? [])] };
    member.params.shift();
    if (fn) member.fn = fn;
    out.push(member);
  }
  return out;
}

function prices(object: ts.ObjectLiteralExpression | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const property of object?.properties ?? []) {
    const name = propertyName(property);
    if (name !== undefined && ts.isPropertyAssignment(property)) {
      if (ts.isNumericLiteral(property.initializer)) {
        out.set(name, Number(property.initializer.text));
      }
    }
  }
  return out;
}

/** The expression of `export default X`, following `X` to its `const X = ...` initializer. */
function defaultExported(file: ts.SourceFile): ts.Expression | undefined {
  const assignment = file.statements.find(
    (s): s is ts.ExportAssignment => ts.isExportAssignment(s) && !s.isExportEquals,
  );
  const expression = assignment?.expression;
  if (!expression || !ts.isIdentifier(expression)) return expression;
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const d of statement.declarationList.declarations) {
      if (ts.isIdentifier(d.name) && d.name.text === expression.text) return d.initializer;
    }
  }
  return expression;
}

function findDefineCall(file: ts.SourceFile): ts.CallExpression | undefined {
  let found: ts.CallExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (isDefineCall(node)) found = node;
    else ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function read(file: ts.SourceFile): ContractShape | null {
  const exportedExpression = defaultExported(file);
  const exportedCall =
    exportedExpression && isDefineCall(exportedExpression) ? exportedExpression : undefined;
  const defineCall = exportedCall ?? findDefineCall(file);
  if (!defineCall) return null;
  const arg = defineCall.arguments[0];
  const definition = arg && ts.isObjectLiteralExpression(arg) ? arg : undefined;
  const methodsObject = definition ? objectProperty(definition, "methods") : undefined;
  const entry = (name: string) => {
    const property = definition?.properties.find((p) => propertyName(p) === name);
    return property ? functionOf(property) : undefined;
  };
  const shape: ContractShape = {
    id: basename(file.fileName).replace(/\.[cm]?tsx?$/, ""),
    file,
    defineCall,
    exported: exportedCall !== undefined,
    members: [
      ...members(methodsObject, "method"),
      ...members(definition ? objectProperty(definition, "views") : undefined, "view"),
    ],
    prices: prices(definition ? objectProperty(definition, "prices") : undefined),
  };
  if (methodsObject) shape.methodsObject = methodsObject;
  const init = entry("init");
  if (init) shape.init = init;
  const migrate = entry("migrate");
  if (migrate) shape.migrate = migrate;
  return shape;
}

/**
 * Reads the contract a file declares (`export default defineContract({ ... })`, or a variable
 * holding that call exported by default). Undefined when the file calls no `defineContract`.
 * Cached per syntax tree, so it costs nothing until the file changes.
 *
 * @example
 * ```ts
 * readContractShape(file)?.members.map((m) => m.name); // ["join", "withdraw", "total"]
 * ```
 */
export function readContractShape(file: ts.SourceFile): ContractShape | undefined {
  let shape = shapes.get(file);
  if (shape === undefined) {
    shape = read(file);
    shapes.set(file, shape);
  }
  return shape ?? undefined;
}
