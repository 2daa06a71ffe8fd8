import { ts } from "ts-morph";

type Schema = { [key: string]: unknown };

/** The JSON Schema `type` names a TypeScript type can take, or undefined when unknowable. */
function kindsOf(checker: ts.TypeChecker, type: ts.Type): Set<string> | undefined {
  const parts = type.isUnion() ? type.types : [type];
  const kinds = new Set<string>();
  for (const t of parts) {
    if (t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.TypeParameter)) {
      return undefined;
    }
    if (t.isIntersection()) return undefined;
    if (t.flags & ts.TypeFlags.StringLike) kinds.add("string");
    else if (t.flags & ts.TypeFlags.NumberLike) {
      kinds.add(t.isNumberLiteral() && !Number.isInteger(t.value) ? "number" : "integer");
    } else if (t.flags & ts.TypeFlags.BooleanLike) kinds.add("boolean");
    else if (t.flags & ts.TypeFlags.Null) kinds.add("null");
    else if (t.flags & ts.TypeFlags.Undefined) kinds.add("undefined");
    else if (checker.isArrayType(t) || checker.isTupleType(t)) kinds.add("array");
    else if (t.flags & ts.TypeFlags.Object) kinds.add("object");
    else return undefined;
  }
  return kinds;
}

function allowed(schema: Schema): Set<string> | undefined {
  const type = schema.type;
  if (typeof type === "string") return new Set([type]);
  if (Array.isArray(type)) return new Set(type.map(String));
  return undefined;
}

/**
 * Whether an argument of `type` can satisfy `schema`'s `type` (and `enum` for string literals);
 * a one-line reason when it cannot. Only what is certain is reported: `any`, `unknown` and
 * schemas without a `type` pass.
 *
 * @example
 * ```ts
 * schemaMismatch(checker, stringType, { type: "integer" }); // "string is not integer"
 * ```
 */
export function schemaMismatch(
  checker: ts.TypeChecker,
  type: ts.Type,
  schema: Schema,
): string | undefined {
  const want = allowed(schema);
  const have = kindsOf(checker, type);
  if (!want || !have) return undefined;
  if (want.has("number")) want.add("integer");
  for (const kind of have) {
    if (!want.has(kind)) return `${checker.typeToString(type)} is not ${[...want].join(" | ")}`;
  }
  const values = schema.enum;
  if (Array.isArray(values) && type.isStringLiteral() && !values.includes(type.value)) {
    return `"${type.value}" is not one of ${values.map((v) => JSON.stringify(v)).join(", ")}`;
  }
  return undefined;
}
