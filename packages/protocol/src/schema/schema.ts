import type { JsonValue } from "../json.js";

/** Type-only key carrying the TypeScript type a schema accepts; never present at run time. */
declare const INFER: unique symbol;
/** Type-only key marking an optional property schema. */
declare const OPTIONAL_TYPE: unique symbol;

/** Run-time mark of an optional property (a symbol key, so JSON never shows it). */
export const OPTIONAL: unique symbol = Symbol("optional");

/** A JSON Schema as plain data: what tools (MCP, editors, explorers) read. */
export interface JsonSchema {
  readonly [keyword: string]: unknown;
}

/**
 * A JSON Schema (plain, JSON-serializable data) that also carries, for TypeScript only, the type
 * of the values it accepts: `Infer<typeof schema>`. Build them with {@link s}.
 */
export type Schema<T = unknown> = JsonSchema & { readonly [INFER]: T };

/** A property schema that may be left out of its object. */
export type OptionalSchema<T = unknown> = Schema<T> & { readonly [OPTIONAL_TYPE]: true };

/** The TypeScript type of the values a {@link Schema} accepts. */
export type Infer<S> = S extends { readonly [INFER]: infer T } ? T : never;

type Shape = { readonly [key: string]: Schema<unknown> };
type Simplify<T> = { [K in keyof T]: T[K] } & {};
type RequiredKeys<P extends Shape> = {
  [K in keyof P]: P[K] extends { readonly [OPTIONAL_TYPE]: true } ? never : K;
}[keyof P];
type OptionalKeys<P extends Shape> = Exclude<keyof P, RequiredKeys<P>>;

/** The object type a shape of property schemas describes. */
export type ObjectOf<P extends Shape> = Simplify<
  { -readonly [K in RequiredKeys<P>]: Infer<P[K]> } & {
    -readonly [K in OptionalKeys<P>]?: Infer<P[K]>;
  }
>;

/** Options every builder takes. */
export interface Annotations {
  /** One line for people and agents reading the schema. */
  description?: string;
}

function make<T>(schema: { [keyword: string]: unknown }, a: Annotations = {}): Schema<T> {
  const out = a.description === undefined ? schema : { ...schema, description: a.description };
  return out as Schema<T>;
}

function clean(schema: JsonSchema): JsonSchema {
  if (!(OPTIONAL in schema)) return schema;
  const { [OPTIONAL]: _mark, ...rest } = schema as JsonSchema & { [OPTIONAL]?: true };
  return rest;
}

/**
 * Builders of typed JSON Schemas. Objects are strict (`additionalProperties: false`) unless
 * `{ strict: false }`; properties are required unless wrapped in `s.optional`.
 *
 * @example
 * ```ts
 * const Transfer = s.object({ to: s.string(), amount: s.integer({ minimum: 1 }), memo: s.optional(s.string()) });
 * type Transfer = Infer<typeof Transfer>; // { to: string; amount: number; memo?: string }
 * validate(Transfer, { to: "bob", amount: 5 }); // { ok: true, value: ... }
 * ```
 */
export const s = {
  /** Any JSON value. */
  json: (a?: Annotations): Schema<JsonValue> => make({}, a),
  string: (
    o: Annotations & { pattern?: RegExp; minLength?: number; maxLength?: number } = {},
  ): Schema<string> => {
    const out: { [k: string]: unknown } = { type: "string" };
    if (o.pattern) out.pattern = o.pattern.source;
    if (o.minLength !== undefined) out.minLength = o.minLength;
    if (o.maxLength !== undefined) out.maxLength = o.maxLength;
    return make(out, o);
  },
  integer: (o: Annotations & { minimum?: number; maximum?: number } = {}): Schema<number> => {
    const out: { [k: string]: unknown } = { type: "integer" };
    if (o.minimum !== undefined) out.minimum = o.minimum;
    if (o.maximum !== undefined) out.maximum = o.maximum;
    return make(out, o);
  },
  number: (a?: Annotations): Schema<number> => make({ type: "number" }, a),
  boolean: (a?: Annotations): Schema<boolean> => make({ type: "boolean" }, a),
  null: (a?: Annotations): Schema<null> => make({ type: "null" }, a),
  /** Exactly this value. */
  literal: <const L extends string | number | boolean>(value: L, a?: Annotations): Schema<L> =>
    make({ type: typeof value, const: value }, a),
  /** One of these strings. */
  enum: <const L extends readonly string[]>(values: L, a?: Annotations): Schema<L[number]> =>
    make({ type: "string", enum: [...values] }, a),
  array: <T>(
    items: Schema<T>,
    o: Annotations & { minItems?: number; maxItems?: number } = {},
  ): Schema<T[]> => {
    const out: { [k: string]: unknown } = { type: "array", items: clean(items) };
    if (o.minItems !== undefined) out.minItems = o.minItems;
    if (o.maxItems !== undefined) out.maxItems = o.maxItems;
    return make(out, o);
  },
  object: <P extends Shape>(
    shape: P,
    o: Annotations & { strict?: boolean } = {},
  ): Schema<ObjectOf<P>> => {
    const properties: { [k: string]: JsonSchema } = {};
    const required: string[] = [];
    for (const [key, schema] of Object.entries(shape)) {
      properties[key] = clean(schema);
      if (!(OPTIONAL in schema)) required.push(key);
    }
    const out: { [k: string]: unknown } = { type: "object", properties, required };
    if (o.strict !== false) out.additionalProperties = false;
    return make(out, o);
  },
  /** An object whose every property value matches `values` (a map). */
  record: <T>(values: Schema<T>, a?: Annotations): Schema<{ [key: string]: T }> =>
    make({ type: "object", additionalProperties: clean(values) }, a),
  /** A value matching at least one of the schemas. */
  union: <const S extends readonly Schema<unknown>[]>(
    schemas: S,
    a?: Annotations,
  ): Schema<Infer<S[number]>> => make({ anyOf: schemas.map(clean) }, a),
  nullable: <T>(schema: Schema<T>, a?: Annotations): Schema<T | null> =>
    make({ anyOf: [clean(schema), { type: "null" }] }, a),
  /** Marks a property of {@link s.object} as one that may be left out. */
  optional: <T>(schema: Schema<T>): OptionalSchema<T> =>
    ({ ...schema, [OPTIONAL]: true }) as unknown as OptionalSchema<T>,
  /** A hand-written JSON Schema declared to accept values of type `T` (checked by tests). */
  custom: <T>(schema: JsonSchema): Schema<T> => schema as Schema<T>,
};
