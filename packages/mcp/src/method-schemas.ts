import type { JsonSchema, Manifest, ManifestMethod, ManifestParam } from "@ecology/protocol";

/** A contract method as an agent calls it through `invoke`: what it does and its args' schema. */
export interface MethodSchema {
  name: string;
  kind: "method" | "view";
  description?: string;
  /** The method's own price, when it has one (else the contract's invokePrice applies). */
  price?: number;
  /** The `args` array of `invoke`, as JSON Schema: one item per parameter, in order. */
  args: JsonSchema;
  /** The TypeScript type it returns, as the manifest names it. */
  returns?: string;
}

/**
 * The JSON Schema of a positional argument list from a manifest's parameters: `prefixItems`
 * (one schema per parameter, described by its name and TypeScript type), `minItems` the number
 * of leading required parameters, no extra items.
 *
 * @example
 * ```ts
 * argsSchema([{ name: "n", type: "number", schema: { type: "integer" } }]);
 * // { type: "array", prefixItems: [{ type: "integer", description: "n: number" }], minItems: 1, … }
 * ```
 */
export function argsSchema(params: readonly ManifestParam[]): JsonSchema {
  const required = params.findIndex((p) => p.optional === true);
  return {
    type: "array",
    prefixItems: params.map((p) => ({ ...(p.schema ?? {}), description: `${p.name}: ${p.type}` })),
    minItems: required === -1 ? params.length : required,
    maxItems: params.length,
  };
}

/**
 * Every method of a manifest with the schema of its `invoke` args.
 *
 * @example
 * ```ts
 * methodSchemas(manifest).find((m) => m.name === "purchase")?.args;
 * ```
 */
export function methodSchemas(manifest: Manifest): MethodSchema[] {
  return manifest.methods.map((m: ManifestMethod) => ({
    name: m.name,
    kind: m.kind,
    args: argsSchema(m.params),
    ...(m.description === undefined ? {} : { description: m.description }),
    ...(m.price === undefined ? {} : { price: m.price }),
    ...(m.returns === undefined ? {} : { returns: m.returns }),
  }));
}
