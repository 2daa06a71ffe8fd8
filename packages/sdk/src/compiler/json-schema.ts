import type { JsonValue } from "@ecology/protocol";
import ts from "typescript";

/** A JSON Schema in the subset the kernel validates: type, enum, items, properties, required. */
export type JsonSchema = { [key: string]: JsonValue };

const MAX_DEPTH = 6;

function literalValue(type: ts.Type): string | number | boolean | undefined {
  if (type.isStringLiteral() || type.isNumberLiteral()) return type.value;
  if (type.flags & ts.TypeFlags.BooleanLiteral) {
    return (type as ts.Type & { intrinsicName?: string }).intrinsicName === "true";
  }
  return undefined;
}

function schemaOfUnion(union: ts.UnionType): JsonSchema | undefined {
  const members = union.types.filter((t) => !(t.flags & ts.TypeFlags.Undefined));
  const values = members.map(literalValue);
  if (values.some((v) => v === undefined)) return undefined;
  const kinds = new Set(values.map((v) => typeof v));
  const only = kinds.size === 1 ? [...kinds][0] : undefined;
  // TypeScript orders union members by internal type id, which depends on what was checked
  // first; sorting keeps manifests stable from one compile to the next.
  const sorted = [...values].sort((a, b) =>
    String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0,
  );
  const base: JsonSchema = { enum: sorted as JsonValue[] };
  return only ? { type: only as string, ...base } : base;
}

/**
 * Is this annotation the SDK's `Integer` (or an alias of it)? `Integer` is `number` to the type
 * checker, so only the written annotation tells them apart.
 */
export function isIntegerAnnotation(
  checker: ts.TypeChecker,
  node: ts.TypeNode | undefined,
): boolean {
  if (!node || !ts.isTypeReferenceNode(node)) return false;
  let symbol = checker.getSymbolAtLocation(node.typeName);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  if (symbol?.name === "Integer") return true;
  const declaration = symbol?.declarations?.[0];
  return (
    !!declaration &&
    ts.isTypeAliasDeclaration(declaration) &&
    isIntegerAnnotation(checker, declaration.type)
  );
}

function declaredType(symbol: ts.Symbol): ts.TypeNode | undefined {
  const declaration = symbol.valueDeclaration;
  return declaration && (ts.isPropertySignature(declaration) || ts.isParameter(declaration))
    ? declaration.type
    : undefined;
}

function schemaOfObject(type: ts.Type, checker: ts.TypeChecker, depth: number): JsonSchema {
  if (checker.getIndexInfosOfType(type).length > 0) return { type: "object" };
  const properties: JsonSchema = {};
  const required: string[] = [];
  for (const property of checker.getPropertiesOfType(type)) {
    const propertyType = checker.getTypeOfSymbol(property);
    const optional = (property.flags & ts.SymbolFlags.Optional) !== 0;
    const schema = schemaOfType(
      optional ? withoutUndefined(propertyType, checker) : propertyType,
      checker,
      depth + 1,
    );
    // A property whose type has no schema is still allowed, just not checked.
    const integer = isIntegerAnnotation(checker, declaredType(property));
    properties[property.name] = integer ? { type: "integer" } : (schema ?? {});
    if (!optional) required.push(property.name);
  }
  return { type: "object", properties, required };
}

/** The type without `undefined` (the declared type of an optional parameter or property). */
export function withoutUndefined(type: ts.Type, checker: ts.TypeChecker): ts.Type {
  if (!type.isUnion() || !type.types.some((t) => t.flags & ts.TypeFlags.Undefined)) return type;
  // getNonNullableType would drop `null` too, which an optional parameter may accept.
  if (type.types.some((t) => t.flags & ts.TypeFlags.Null)) return type;
  return checker.getNonNullableType(type);
}

/**
 * Derives a JSON Schema for a TypeScript type where the mapping is exact: numbers, strings,
 * booleans, null, literals and unions of literals (`enum`), arrays and object literal types.
 * Returns undefined for anything else (then the kernel only checks the argument count).
 */
export function schemaOfType(
  type: ts.Type,
  checker: ts.TypeChecker,
  depth = 0,
): JsonSchema | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const flags = type.flags;
  if (flags & ts.TypeFlags.Boolean) return { type: "boolean" };
  if (flags & (ts.TypeFlags.Number | ts.TypeFlags.String)) {
    return { type: flags & ts.TypeFlags.Number ? "number" : "string" };
  }
  if (flags & ts.TypeFlags.Null) return { type: "null" };
  const literal = literalValue(type);
  if (literal !== undefined) return { type: typeof literal, enum: [literal] };
  if (type.isUnion()) return schemaOfUnion(type);
  if (checker.isArrayType(type)) {
    const element = checker.getTypeArguments(type as ts.TypeReference)[0];
    const items = element ? schemaOfType(element, checker, depth + 1) : undefined;
    return items ? { type: "array", items } : { type: "array" };
  }
  if (checker.isTupleType(type)) return { type: "array" };
  if (flags & ts.TypeFlags.Object && type.getCallSignatures().length === 0) {
    return schemaOfObject(type, checker, depth);
  }
  return undefined;
}
