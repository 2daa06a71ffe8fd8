import type { JsonValue } from "./types.js";

/**
 * Well-formed principal and artifact ids (DESIGN.md §2): 1–128 characters of `[A-Za-z0-9_.:-]`,
 * not made only of dots (`.` and `..` would name directories where ids become file names,
 * such as the server's token files). The server validates ids with this same pattern.
 *
 * @example
 * ```ts
 * ID_PATTERN.test("alice"); // true
 * ID_PATTERN.test("..");    // false
 * ```
 */
export const ID_PATTERN: RegExp = /^(?!\.+$)[A-Za-z0-9_.:-]{1,128}$/;

/** {@link ID_PATTERN} in words, for error messages. */
export const ID_RULE = "1-128 characters of [A-Za-z0-9_.:-], not only dots";
const METHOD_PATTERN = /^[A-Za-z_$][A-Za-z0-9_$]{0,63}$/;

/**
 * Whether `id` is a well-formed principal or artifact id ({@link ID_PATTERN}). Never throws.
 *
 * @example
 * ```ts
 * isValidId("alice"); // true
 * isValidId("a b");   // false
 * ```
 */
export function isValidId(id: unknown): id is string {
  return typeof id === "string" && ID_PATTERN.test(id);
}

/** Whether `id` is reserved for the kernel. */
export function isReservedId(id: string): boolean {
  return id.startsWith("genesis_");
}

/** Whether `name` can be a contract method name. */
export function isValidMethodName(name: unknown): name is string {
  return typeof name === "string" && METHOD_PATTERN.test(name);
}

/** Whether `n` is scrip: a non-negative safe integer. */
export function isAmount(n: unknown): n is number {
  return typeof n === "number" && Number.isSafeInteger(n) && n >= 0;
}

/** The UTF-8 size of `text`, measured exactly only when it could exceed `maxBytes`. */
export function utf8Length(text: string, maxBytes: number): number {
  // A UTF-16 unit is at most 3 UTF-8 bytes, so short strings need no exact count.
  return text.length * 3 <= maxBytes ? text.length : Buffer.byteLength(text);
}

/**
 * Serializes a value when it is plain JSON (finite numbers, plain objects and arrays, no
 * cycles, no `undefined`) nested at most `maxDepth` levels, within `maxBytes`; otherwise says
 * why not. The walk stops at `maxDepth`, so any depth is refused without a stack overflow.
 */
export function jsonText(
  value: unknown,
  maxBytes: number,
  maxDepth: number,
): { ok: true; text: string } | { ok: false; reason: string } {
  const reason = whyNotJson(value, 0, maxDepth, new Set());
  if (reason !== null) return { ok: false, reason };
  const text = JSON.stringify(value);
  const bytes = utf8Length(text, maxBytes);
  if (bytes > maxBytes)
    return { ok: false, reason: `is ${bytes} bytes, over the ${maxBytes}-byte limit` };
  return { ok: true, text };
}

function whyNotJson(v: unknown, depth: number, maxDepth: number, seen: Set<object>): string | null {
  if (depth > maxDepth) return `is nested deeper than ${maxDepth} levels`;
  if (v === null || typeof v === "string" || typeof v === "boolean") return null;
  if (typeof v === "number") return Number.isFinite(v) ? null : `contains the non-JSON number ${v}`;
  if (typeof v !== "object") return `contains a ${typeof v}, which is not JSON`;
  if (seen.has(v)) return "contains a cycle";
  seen.add(v);
  try {
    if (Array.isArray(v)) {
      for (const item of v) {
        const r = whyNotJson(item, depth + 1, maxDepth, seen);
        if (r) return r;
      }
      return null;
    }
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return "contains a non-plain object";
    for (const item of Object.values(v)) {
      const r = whyNotJson(item, depth + 1, maxDepth, seen);
      if (r) return r;
    }
    return null;
  } finally {
    seen.delete(v);
  }
}

/** The JSON-Schema subset the kernel checks: type, properties, required, items, enum. */
export type SchemaNode = { [key: string]: JsonValue };

/**
 * Checks `value` against a JSON-Schema subset (`type` incl. `integer` and type lists,
 * `properties`, `required`, `items`, `enum`). Unknown keywords are ignored. Returns null when
 * the value conforms, else a message naming the offending path.
 */
export function checkSchema(value: JsonValue, schema: SchemaNode, path: string): string | null {
  const type = schema.type;
  if (type !== undefined) {
    const types = Array.isArray(type) ? type : [type];
    if (!types.some((t) => typeof t === "string" && hasType(value, t))) {
      return `${path} must be ${types.join(" or ")}, got ${describe(value)}`;
    }
  }
  if (
    Array.isArray(schema.enum) &&
    !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))
  ) {
    return `${path} must be one of ${JSON.stringify(schema.enum)}`;
  }
  if (Array.isArray(value) && isNode(schema.items)) {
    for (let i = 0; i < value.length; i++) {
      const r = checkSchema(value[i] as JsonValue, schema.items, `${path}[${i}]`);
      if (r) return r;
    }
  }
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const required = Array.isArray(schema.required) ? schema.required : [];
    for (const key of required) {
      if (typeof key === "string" && !(key in value)) return `${path}.${key} is required`;
    }
    if (isNode(schema.properties)) {
      for (const [key, sub] of Object.entries(schema.properties)) {
        const v = value[key];
        if (v !== undefined && isNode(sub)) {
          const r = checkSchema(v, sub, `${path}.${key}`);
          if (r) return r;
        }
      }
    }
  }
  return null;
}

function isNode(v: JsonValue | undefined): v is SchemaNode {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function hasType(v: JsonValue, t: string): boolean {
  switch (t) {
    case "null":
      return v === null;
    case "array":
      return Array.isArray(v);
    case "object":
      return typeof v === "object" && v !== null && !Array.isArray(v);
    case "integer":
      return Number.isInteger(v);
    default:
      return typeof v === t;
  }
}

function describe(v: JsonValue): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return `a ${typeof v}`;
}
