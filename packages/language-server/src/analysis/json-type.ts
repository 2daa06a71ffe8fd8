import { ts } from "ts-morph";

const OK_FLAGS =
  ts.TypeFlags.Any |
  ts.TypeFlags.Unknown |
  ts.TypeFlags.Never |
  ts.TypeFlags.StringLike |
  ts.TypeFlags.NumberLike |
  ts.TypeFlags.BooleanLike |
  ts.TypeFlags.Null |
  ts.TypeFlags.TypeParameter;

const PRIMITIVE =
  ts.TypeFlags.StringLike |
  ts.TypeFlags.NumberLike |
  ts.TypeFlags.BooleanLike |
  ts.TypeFlags.BigIntLike |
  ts.TypeFlags.ESSymbolLike;

/** Options of {@link jsonProblem}. */
export interface JsonCheckOptions {
  /** `undefined` is allowed at the top (an optional parameter, or a result that becomes null). */
  allowUndefined?: boolean;
}

function withoutUndefined(type: ts.Type): ts.Type[] {
  return type.isUnion()
    ? type.types.filter((t) => !(t.flags & ts.TypeFlags.Undefined))
    : type.flags & ts.TypeFlags.Undefined
      ? []
      : [type];
}

function objectProblem(
  checker: ts.TypeChecker,
  type: ts.Type,
  seen: Set<ts.Type>,
): string | undefined {
  const name = checker.typeToString(type);
  if (type.getCallSignatures().length > 0 || type.getConstructSignatures().length > 0) {
    return `${name} is a function`;
  }
  if (checker.isArrayType(type) || checker.isTupleType(type)) {
    for (const element of checker.getTypeArguments(type as ts.TypeReference)) {
      const problem = check(checker, element, seen, false);
      if (problem) return problem;
    }
    return undefined;
  }
  for (const info of checker.getIndexInfosOfType(type)) {
    const problem = check(checker, info.type, seen, true);
    if (problem) return problem;
  }
  for (const property of checker.getPropertiesOfType(type)) {
    // Brands (`unique symbol` keys) exist only in types.
    if (property.escapedName.toString().startsWith("__@")) continue;
    const declaration = property.valueDeclaration ?? property.declarations?.[0];
    if (!declaration) continue;
    const propertyType = checker.getTypeOfSymbolAtLocation(property, declaration);
    if (propertyType.getCallSignatures().length > 0) {
      return `${name} has methods (${property.name}); only plain data is JSON`;
    }
    const optional = (property.flags & ts.SymbolFlags.Optional) !== 0;
    const problem = check(checker, propertyType, seen, optional);
    if (problem) return `${problem} (in ${property.name})`;
  }
  return undefined;
}

function check(
  checker: ts.TypeChecker,
  type: ts.Type,
  seen: Set<ts.Type>,
  allowUndefined: boolean,
): string | undefined {
  if (seen.has(type)) return undefined;
  seen.add(type);
  if (type.isUnion()) {
    const members = allowUndefined ? withoutUndefined(type) : type.types;
    for (const member of members) {
      const problem = check(checker, member, seen, false);
      if (problem) return problem;
    }
    return undefined;
  }
  // `string & { brand }` (ids, contract refs) is a string at run time.
  if (type.isIntersection()) {
    if (type.types.some((t) => t.flags & PRIMITIVE)) return undefined;
    for (const member of type.types) {
      const problem = check(checker, member, seen, allowUndefined);
      if (problem) return problem;
    }
    return undefined;
  }
  if (type.flags & OK_FLAGS) return undefined;
  if (type.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)) {
    return allowUndefined ? undefined : "undefined is not JSON";
  }
  if (type.flags & ts.TypeFlags.BigIntLike) return "bigint is not JSON";
  if (type.flags & ts.TypeFlags.ESSymbolLike) return "symbol is not JSON";
  if (type.flags & ts.TypeFlags.Object) return objectProblem(checker, type, seen);
  return undefined;
}

/**
 * Why values of `type` cannot cross the sandbox boundary as JSON (functions, class instances
 * with methods such as `Date` or `Map`, `bigint`, `symbol`, `undefined` inside data), or
 * undefined when they can. `any`, `unknown` and type parameters pass: nothing can be known.
 *
 * @example
 * ```ts
 * jsonProblem(checker, dateType); // "Date has methods (toString); only plain data is JSON"
 * ```
 */
export function jsonProblem(
  checker: ts.TypeChecker,
  type: ts.Type,
  options: JsonCheckOptions = {},
): string | undefined {
  return check(checker, type, new Set(), options.allowUndefined ?? false);
}
