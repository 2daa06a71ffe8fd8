import type { JsonValue } from "../json.js";
import type { Infer, JsonSchema, Schema } from "./schema.js";

/** The outcome of {@link validate}: the value, typed, or the first problem found. */
export type Validation<T> = { ok: true; value: T } | { ok: false; path: string; message: string };

/** Options of {@link validate}. */
export interface ValidateOptions {
  /** How the value is named in messages (default `"value"`). */
  path?: string;
  /**
   * The schema came from someone untrusted (a deployed contract's manifest): `pattern` is not
   * evaluated, so a hostile regular expression cannot stall the host (ReDoS).
   */
  untrusted?: boolean;
}

const patterns = new Map<string, RegExp>();

function patternOf(source: string): RegExp {
  let re = patterns.get(source);
  if (!re) {
    re = new RegExp(source, "u");
    // Trusted schemas only (ours): a handful of patterns, so the map stays tiny.
    patterns.set(source, re);
  }
  return re;
}

/**
 * Checks `value` against a JSON Schema: `type` (incl. `integer` and type lists), `enum`, `const`,
 * `properties`, `required`, `additionalProperties`, `items`, `anyOf`, `minimum`, `maximum`,
 * `minLength`, `maxLength`, `pattern`, `minItems`, `maxItems`. Other keywords are ignored. The
 * walk follows the schema, so it is as deep as the schema, whatever the value's depth. Returns
 * the first problem, as `"<path> must …"`.
 *
 * @example
 * ```ts
 * const r = validate(s.integer({ minimum: 0 }), -1, { path: "amount" });
 * // { ok: false, path: "amount", message: "amount must be at least 0, got -1" }
 * ```
 */
export function validate<S extends Schema<unknown>>(
  schema: S,
  value: unknown,
  options: ValidateOptions = {},
): Validation<Infer<S>> {
  const problem = check(value, schema, options.path ?? "value", options.untrusted === true);
  return problem ? { ok: false, ...problem } : { ok: true, value: value as Infer<S> };
}

type Problem = { path: string; message: string } | null;

function at(path: string, message: string): Problem {
  return { path, message: `${path} ${message}` };
}

function check(v: unknown, schema: JsonSchema, path: string, untrusted: boolean): Problem {
  if (Array.isArray(schema.anyOf)) {
    const branches = schema.anyOf as JsonSchema[];
    const problems = branches.map((b) => check(v, b, path, untrusted));
    if (problems.some((p) => p === null)) return checkOwn(v, schema, path, untrusted);
    // The branch whose type fits is the one the caller meant: its problem says most.
    const fitting = branches.filter((b) => b.type === undefined || typeFits(v, b.type));
    if (fitting.length === 1) return problems[branches.indexOf(fitting[0] as JsonSchema)] ?? null;
    return at(path, `must be ${branches.map(describeSchema).join(" or ")}, got ${describe(v)}`);
  }
  return checkOwn(v, schema, path, untrusted);
}

function checkOwn(v: unknown, schema: JsonSchema, path: string, untrusted: boolean): Problem {
  if (schema.type !== undefined && !typeFits(v, schema.type)) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    return at(path, `must be ${types.join(" or ")}, got ${describe(v)}`);
  }
  if ("const" in schema && !sameJson(v, schema.const))
    return at(path, `must be ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => sameJson(v, e)))
    return at(path, `must be one of ${JSON.stringify(schema.enum)}`);
  if (typeof v === "number") return checkNumber(v, schema, path);
  if (typeof v === "string") return checkString(v, schema, path, untrusted);
  if (Array.isArray(v)) return checkArray(v, schema, path, untrusted);
  if (v !== null && typeof v === "object")
    return checkObject(v as { [k: string]: unknown }, schema, path, untrusted);
  return null;
}

function checkNumber(v: number, schema: JsonSchema, path: string): Problem {
  if (typeof schema.minimum === "number" && v < schema.minimum)
    return at(path, `must be at least ${schema.minimum}, got ${v}`);
  if (typeof schema.maximum === "number" && v > schema.maximum)
    return at(path, `must be at most ${schema.maximum}, got ${v}`);
  return null;
}

function checkString(v: string, schema: JsonSchema, path: string, untrusted: boolean): Problem {
  const { minLength, maxLength } = schema;
  // Code points, as JSON Schema counts; only counted when UTF-16 length could mislead.
  const length = (n: number) => (v.length <= n ? v.length : [...v].length);
  if (typeof maxLength === "number" && length(maxLength) > maxLength)
    return at(path, `must be at most ${maxLength} characters`);
  if (typeof minLength === "number" && [...v].length < minLength)
    return at(path, `must be at least ${minLength} characters`);
  if (!untrusted && typeof schema.pattern === "string" && !patternOf(schema.pattern).test(v)) {
    const what = typeof schema.description === "string" ? schema.description : schema.pattern;
    return at(path, `must be ${what}, got ${JSON.stringify(v.slice(0, 64))}`);
  }
  return null;
}

function checkArray(v: unknown[], schema: JsonSchema, path: string, untrusted: boolean): Problem {
  if (typeof schema.maxItems === "number" && v.length > schema.maxItems)
    return at(path, `must have at most ${schema.maxItems} items`);
  if (typeof schema.minItems === "number" && v.length < schema.minItems)
    return at(path, `must have at least ${schema.minItems} items`);
  if (isSchema(schema.items)) {
    for (let i = 0; i < v.length; i++) {
      const p = check(v[i], schema.items, `${path}[${i}]`, untrusted);
      if (p) return p;
    }
  }
  return null;
}

function checkObject(
  v: { [k: string]: unknown },
  schema: JsonSchema,
  path: string,
  untrusted: boolean,
): Problem {
  const required = Array.isArray(schema.required) ? schema.required : [];
  for (const key of required) {
    if (typeof key === "string" && !Object.hasOwn(v, key))
      return at(`${path}.${key}`, "is required");
  }
  const properties = isSchema(schema.properties)
    ? (schema.properties as { [k: string]: JsonSchema })
    : {};
  const additional = schema.additionalProperties;
  for (const [key, item] of Object.entries(v)) {
    const sub = Object.hasOwn(properties, key) ? properties[key] : undefined;
    const where = `${path}.${key}`;
    if (sub !== undefined) {
      if (item === undefined) continue;
      const p = isSchema(sub) ? check(item, sub, where, untrusted) : null;
      if (p) return p;
    } else if (additional === false) {
      const known = Object.keys(properties);
      return at(where, `is not allowed${known.length ? `; expected ${known.join(", ")}` : ""}`);
    } else if (isSchema(additional)) {
      const p = check(item, additional, where, untrusted);
      if (p) return p;
    }
  }
  return null;
}

function isSchema(v: unknown): v is JsonSchema {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function typeFits(v: unknown, type: unknown): boolean {
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) => typeof t === "string" && hasType(v, t));
}

function hasType(v: unknown, t: string): boolean {
  switch (t) {
    case "null":
      return v === null;
    case "array":
      return Array.isArray(v);
    case "object":
      return typeof v === "object" && v !== null && !Array.isArray(v);
    case "integer":
      return Number.isInteger(v);
    case "number":
      return typeof v === "number" && Number.isFinite(v);
    default:
      return typeof v === t;
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

function describeSchema(schema: JsonSchema): string {
  if ("const" in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return `one of ${JSON.stringify(schema.enum)}`;
  if (typeof schema.description === "string") return schema.description;
  if (schema.type !== undefined)
    return Array.isArray(schema.type) ? schema.type.join(" or ") : String(schema.type);
  return "a JSON value";
}

/** How a value is named in messages: `null`, `an array`, `a string`, … */
export function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return `a ${typeof v}`;
}

/** A JSON Schema as stored in a manifest (plain JSON). */
export type ManifestSchema = { [key: string]: JsonValue };
