import type { JsonValue, ManifestParam } from "@ecology/protocol";

/** An argument typed into an input box: its JSON value, or why it does not fit the manifest. */
export type ParsedArg = { ok: true; value: JsonValue | undefined } | { ok: false; message: string };

type Schema = { [key: string]: JsonValue };

/**
 * Reads what the user typed for `param` and checks it against the manifest: JSON text (a bare
 * word is taken as a string when the parameter is a string), the JSON Schema's type, enum and
 * required keys. An empty box leaves an optional parameter out.
 *
 * @example
 * ```ts
 * parseArg({ name: "amount", type: "number", schema: { type: "number" } }, "12");
 * // { ok: true, value: 12 }
 * ```
 */
export function parseArg(param: ManifestParam, text: string): ParsedArg {
  const trimmed = text.trim();
  if (trimmed === "") {
    return param.optional
      ? { ok: true, value: undefined }
      : { ok: false, message: `${param.name} is required (${param.type})` };
  }
  const value = readJson(trimmed, param);
  if (value === undefined) return { ok: false, message: `${param.name}: not JSON (${param.type})` };
  const problem = param.schema ? check(value, param.schema, param.name) : undefined;
  return problem ? { ok: false, message: problem } : { ok: true, value };
}

/** The message an input box shows while the text does not fit, or undefined when it does. */
export function validateArg(param: ManifestParam, text: string): string | undefined {
  const parsed = parseArg(param, text);
  return parsed.ok ? undefined : parsed.message;
}

/** Drops trailing left-out optional arguments; a gap in the middle becomes `null`. */
export function argList(values: (JsonValue | undefined)[]): JsonValue[] {
  const out = values.map((v) => (v === undefined ? null : v));
  while (out.length > 0 && values[out.length - 1] === undefined) out.pop();
  return out;
}

function readJson(text: string, param: ManifestParam): JsonValue | undefined {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    // Typing quotes around every string is tedious; a string parameter takes the raw text.
    const wantsString = param.schema?.type === "string" || param.type === "string";
    return wantsString ? text : undefined;
  }
}

function typeOf(value: JsonValue): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function matchesType(value: JsonValue, type: JsonValue): boolean {
  const actual = typeOf(value);
  const wanted = Array.isArray(type) ? type : [type];
  return wanted.some((t) => t === actual || (t === "number" && actual === "integer"));
}

function check(value: JsonValue, schema: Schema, where: string): string | undefined {
  if (schema.type !== undefined && !matchesType(value, schema.type)) {
    return `${where} must be ${JSON.stringify(schema.type)}, got ${typeOf(value)}`;
  }
  if (
    Array.isArray(schema.enum) &&
    !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))
  ) {
    return `${where} must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(", ")}`;
  }
  if (Array.isArray(schema.anyOf)) {
    const fits = schema.anyOf.some((s) => isSchema(s) && !check(value, s, where));
    if (!fits) return `${where} does not match any allowed shape`;
  }
  if (typeOf(value) === "object" && Array.isArray(schema.required)) {
    const missing = schema.required.find((k) => typeof k === "string" && !(k in (value as Schema)));
    if (missing !== undefined) return `${where}.${String(missing)} is required`;
  }
  if (Array.isArray(value) && isSchema(schema.items)) {
    for (const [i, item] of value.entries()) {
      const problem = check(item, schema.items, `${where}[${i}]`);
      if (problem) return problem;
    }
  }
  return undefined;
}

function isSchema(value: JsonValue | undefined): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
