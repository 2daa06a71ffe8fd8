import type { Manifest, ManifestMethod, ManifestParam } from "@ecology/protocol";
import ts from "typescript";
import { displayPath } from "./bundle.js";
import { isIntegerAnnotation, schemaOfType, withoutUndefined } from "./json-schema.js";
import type { CompileDiagnostic } from "./types.js";

const TYPE_FORMAT = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseFullyQualifiedType;

/** The manifest, when the default export is a contract definition, and what was wrong. */
export interface ManifestOutcome {
  manifest?: Manifest;
  diagnostics: CompileDiagnostic[];
}

function problem(file: ts.SourceFile, message: string, severity: "error" | "warning" = "error") {
  const path = displayPath(file.fileName);
  return { severity, rule: "manifest", message, file: path } as const;
}

function typeText(checker: ts.TypeChecker, type: ts.Type, node: ts.Node): string {
  return checker.typeToString(type, node, TYPE_FORMAT & ~ts.TypeFormatFlags.UseFullyQualifiedType);
}

function paramOf(checker: ts.TypeChecker, symbol: ts.Symbol, at: ts.Node): ManifestParam {
  const declaration = symbol.valueDeclaration;
  const isParam = declaration !== undefined && ts.isParameter(declaration);
  const optional = isParam && (!!declaration.questionToken || !!declaration.initializer);
  const rest = isParam && !!declaration.dotDotDotToken;
  const declared = checker.getTypeOfSymbolAtLocation(symbol, declaration ?? at);
  const type = optional ? withoutUndefined(declared, checker) : declared;
  const param: ManifestParam = { name: symbol.name, type: typeText(checker, type, at) };
  if (rest) param.type = `...${param.type}`;
  const integer = isParam && isIntegerAnnotation(checker, declaration.type);
  const schema = rest ? undefined : integer ? { type: "integer" } : schemaOfType(type, checker);
  if (schema) param.schema = schema;
  if (optional) param.optional = true;
  return param;
}

/** Parameters after `ctx` of the first call signature of a function-typed property. */
function signatureOf(checker: ts.TypeChecker, fn: ts.Symbol, at: ts.Node) {
  const signature = checker.getTypeOfSymbolAtLocation(fn, at).getCallSignatures()[0];
  if (!signature) return undefined;
  const params = signature
    .getParameters()
    .slice(1)
    .map((p) => paramOf(checker, p, at));
  const returns = typeText(checker, checker.getReturnTypeOfSignature(signature), at);
  return { params, returns };
}

function propertyType(checker: ts.TypeChecker, type: ts.Type, name: string, at: ts.Node) {
  const property = type.getProperty(name);
  if (!property) return undefined;
  return checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(property, at));
}

function readPrices(checker: ts.TypeChecker, def: ts.Type, file: ts.SourceFile) {
  const prices = new Map<string, number>();
  const diagnostics: CompileDiagnostic[] = [];
  const type = propertyType(checker, def, "prices", file);
  for (const property of type?.getProperties() ?? []) {
    const value = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(property, file));
    if (value.isNumberLiteral()) prices.set(property.name, value.value);
    else {
      const message = `the price of "${property.name}" is not a literal number, so it is not in the manifest`;
      diagnostics.push(problem(file, message, "warning"));
    }
  }
  return { prices, diagnostics };
}

function collect(
  kind: "method" | "view",
  checker: ts.TypeChecker,
  def: ts.Type,
  file: ts.SourceFile,
) {
  const methods: ManifestMethod[] = [];
  const diagnostics: CompileDiagnostic[] = [];
  const table = propertyType(checker, def, kind === "method" ? "methods" : "views", file);
  for (const fn of table?.getProperties() ?? []) {
    const signature = signatureOf(checker, fn, file);
    if (!signature) {
      diagnostics.push(problem(file, `${kind} "${fn.name}" is not a function`));
      continue;
    }
    methods.push({ name: fn.name, kind, params: signature.params, returns: signature.returns });
  }
  return { methods, diagnostics };
}

function defaultExportType(checker: ts.TypeChecker, file: ts.SourceFile): ts.Type | undefined {
  const moduleSymbol = checker.getSymbolAtLocation(file);
  if (!moduleSymbol) return undefined;
  const exported = checker.getExportsOfModule(moduleSymbol).find((s) => s.name === "default");
  if (!exported) return undefined;
  const target =
    exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
  return checker.getTypeOfSymbolAtLocation(target, file);
}

/**
 * Reads the manifest (ADR 0003) from the type of the entry file's default export: methods and
 * views with parameter names (ctx excluded), TypeScript types and JSON Schemas, return types,
 * default prices and `reentrant`. Works on composed definitions (spreads, helper functions)
 * because it reads types, not syntax.
 */
export function extractManifest(program: ts.Program, entry: string): ManifestOutcome {
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(entry);
  if (!file)
    return {
      diagnostics: [{ severity: "error", rule: "manifest", message: `cannot read ${entry}` }],
    };
  const def = defaultExportType(checker, file);
  if (!def?.getProperty("methods")) {
    const message =
      "the default export must be a contract definition: export default defineContract({ methods: { ... } })";
    return { diagnostics: [problem(file, message)] };
  }
  const methods = collect("method", checker, def, file);
  const views = collect("view", checker, def, file);
  const { prices, diagnostics } = readPrices(checker, def, file);
  const names = new Set([...methods.methods, ...views.methods].map((m) => m.name));
  for (const name of prices.keys()) {
    if (!names.has(name)) {
      diagnostics.push(
        problem(file, `prices names "${name}", which is neither a method nor a view`),
      );
    }
  }
  const all = [...methods.methods, ...views.methods].map((m) =>
    prices.has(m.name) ? { ...m, price: prices.get(m.name) as number } : m,
  );
  const manifest: Manifest = {
    methods: all,
    reentrant: isTrue(propertyType(checker, def, "reentrant", file)),
  };
  const init = entryParams(checker, file, "init");
  if (init) manifest.init = { params: init };
  const migrate = entryParams(checker, file, "migrate");
  if (migrate) manifest.migrate = { params: migrate };
  return { manifest, diagnostics: [...methods.diagnostics, ...views.diagnostics, ...diagnostics] };
}

/** The entries that take arguments outside a call: `init` at deploy, `migrate` at upgrade. */
type Entry = "init" | "migrate";

/** The `init` or `migrate` function written in the default export's object literal, if any. */
function findEntry(file: ts.SourceFile, entry: Entry): ts.SignatureDeclaration | undefined {
  const assignment = file.statements.find(
    (s): s is ts.ExportAssignment => ts.isExportAssignment(s) && !s.isExportEquals,
  );
  let expression = assignment?.expression;
  if (expression && ts.isCallExpression(expression)) expression = expression.arguments[0];
  if (!expression || !ts.isObjectLiteralExpression(expression)) return undefined;
  for (const property of expression.properties) {
    if (property.name?.getText(file) !== entry) continue;
    if (ts.isMethodDeclaration(property)) return property;
    if (ts.isPropertyAssignment(property) && ts.isFunctionLike(property.initializer)) {
      return property.initializer as ts.SignatureDeclaration;
    }
  }
  return undefined;
}

// The definition's type erases init's and migrate's parameters (State is inferred from init's
// return type, which rules out a separate type parameter for init's arguments; migrate follows
// init), so they are read from the source.
function entryParams(
  checker: ts.TypeChecker,
  file: ts.SourceFile,
  entry: Entry,
): ManifestParam[] | undefined {
  const declaration = findEntry(file, entry);
  const signature = declaration ? checker.getSignatureFromDeclaration(declaration) : undefined;
  if (!signature) return undefined;
  return signature
    .getParameters()
    .slice(1)
    .map((p) => paramOf(checker, p, file));
}

function isTrue(type: ts.Type | undefined): boolean {
  return (
    type !== undefined && (type as ts.Type & { intrinsicName?: string }).intrinsicName === "true"
  );
}
