import { s, validate } from "@ecology/protocol";
import type { JsonValue } from "./types.js";

export {
  ID_PATTERN,
  ID_RULE,
  isAmount,
  isReservedId,
  isValidId,
  isValidMethodName,
} from "@ecology/protocol";

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
      // JSON leaves out an object's undefined properties, as if they were absent.
      if (item === undefined) continue;
      const r = whyNotJson(item, depth + 1, maxDepth, seen);
      if (r) return r;
    }
    return null;
  } finally {
    seen.delete(v);
  }
}

/** A JSON Schema as a manifest carries it. */
export type SchemaNode = { [key: string]: JsonValue };

/**
 * Checks an argument against its manifest parameter's JSON Schema. The schema came with a
 * deployed contract, so it is untrusted: `pattern` is never evaluated (ReDoS). Returns null when
 * the value conforms, else a message naming the offending path.
 */
export function checkSchema(value: JsonValue, schema: SchemaNode, path: string): string | null {
  const r = validate(s.custom<JsonValue>(schema), value, { path, untrusted: true });
  return r.ok ? null : r.message;
}
