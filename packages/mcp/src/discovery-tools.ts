import {
  type ArtifactSummary,
  type Envelope,
  type EscrowListing,
  fail,
  genesisArtifacts,
  isGenesisId,
  type JsonSchema,
  type Manifest,
  RPC_METHODS,
  SCHEMAS,
  s,
  succeed,
} from "@ecology/protocol";
import { withConfirmation } from "./confirmation.js";
import { methodSchemas } from "./method-schemas.js";
import { DATA_NOTE, type EcologyTool, envelopeSchema, type ToolContext } from "./tool.js";

const METHOD_SCHEMA: JsonSchema = {
  type: "object",
  properties: {
    name: { type: "string" },
    kind: { enum: ["method", "view"] },
    description: { type: "string" },
    price: { type: "integer" },
    args: { type: "object", description: "JSON Schema of invoke's args array" },
    returns: { type: "string" },
  },
  required: ["name", "kind", "args"],
};

const DISCOVER_PARAMS = s.object({
  owner: s.optional(SCHEMAS.ID),
  kind: s.optional(s.enum(["data", "contract", "genesis"])),
  nameContains: s.optional(s.string({ maxLength: 128 })),
  limit: s.optional(s.integer({ minimum: 1, maximum: 1000 })),
});

/**
 * `discover`: the artifacts (owner, kind, policy with prices, metadata), the active escrow
 * listings and the genesis artifacts with the JSON Schemas of their methods' arguments, in one
 * read-only call. Changes nothing and costs nothing.
 */
export const discoverTool: EcologyTool = {
  name: "discover",
  description: `Finds what exists: artifacts (owner, kind, prices, allow-lists, upgradable), active escrow listings (artifact, seller, price) and the genesis artifacts with their methods and argument schemas. Filter artifacts by owner, kind or nameContains. Free and read-only; then use contract_methods for a contract's methods. ${DATA_NOTE}`,
  inputSchema: DISCOVER_PARAMS,
  outputSchema: envelopeSchema({
    type: "object",
    properties: {
      artifacts: RPC_METHODS.artifacts.result,
      listings: { type: "array", items: SCHEMAS.LISTING },
      genesis: {
        type: "array",
        items: {
          type: "object",
          properties: {
            id: { type: "string" },
            description: { type: "string" },
            methods: { type: "array", items: METHOD_SCHEMA },
          },
        },
      },
    },
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, openWorldHint: false },
  audience: "any",
  async run(args, { client }) {
    const artifacts = await client.call("artifacts", args as never);
    if (!artifacts.success) return artifacts;
    const listings = await client.call("query", {
      kind: "listings",
      filters: { status: "active", limit: 1000 },
    });
    if (!listings.success) return listings;
    const genesis = genesisArtifacts().map((a) => ({
      id: a.id,
      description: a.description,
      methods: methodSchemas(a.manifest),
    }));
    return succeed({
      artifacts: artifacts.result as ArtifactSummary[],
      listings: listings.result as EscrowListing[],
      genesis,
    } as never);
  },
};

const METHODS_PARAMS = s.object({
  id: SCHEMAS.ID,
  maxReadPrice: s.optional(
    s.integer({
      minimum: 0,
      description: "most you will pay to read the contract's manifest (default 0: free only)",
    }),
  ),
});

/**
 * `contract_methods`: one contract's methods with their argument schemas, read from its manifest
 * (a principal pays the contract's readPrice, refused above `maxReadPrice`; the operator reads it
 * without policy). Genesis artifacts are answered from the protocol's manifests, for free.
 */
export const contractMethodsTool: EcologyTool = {
  name: "contract_methods",
  description: `A contract's methods (name, method or view, description, price) with the JSON Schema of the args array invoke takes, read from its manifest; also its owner, policy and whether it is upgradable. Reading costs the contract's readPrice: pass maxReadPrice to allow paying (default 0). ${DATA_NOTE}`,
  inputSchema: METHODS_PARAMS,
  outputSchema: envelopeSchema({
    type: "object",
    properties: {
      id: { type: "string" },
      owner: { type: "string" },
      policy: SCHEMAS.POLICY,
      upgradable: { type: "boolean" },
      methods: { type: "array", items: METHOD_SCHEMA },
    },
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, openWorldHint: false },
  audience: "any",
  run: (args, ctx) => contractMethods(args as { id: string; maxReadPrice?: number }, ctx),
};

async function contractMethods(
  args: { id: string; maxReadPrice?: number },
  ctx: ToolContext,
): Promise<Envelope<unknown>> {
  const { id } = args;
  if (isGenesisId(id)) {
    const info = genesisArtifacts().find((a) => a.id === id);
    return succeed({ id, owner: id, methods: methodSchemas(info?.manifest as Manifest) });
  }
  const found = await findArtifact(ctx, id);
  if (!found.success) return found;
  const summary = found.result;
  if (summary.kind !== "contract")
    return fail("invalid_argument", `${id} is a ${summary.kind} artifact, not a contract`);
  const manifest = await readManifest(ctx, summary, args.maxReadPrice ?? 0);
  if (!manifest.success) return manifest;
  return {
    ...manifest,
    result: {
      id,
      owner: summary.owner,
      policy: summary.policy,
      upgradable: summary.policy.upgradable === true,
      methods: methodSchemas(manifest.result),
    },
  };
}

async function findArtifact(ctx: ToolContext, id: string): Promise<Envelope<ArtifactSummary>> {
  const listed = await ctx.client.call("artifacts", { nameContains: id, limit: 1000 });
  if (!listed.success) return listed;
  const summary = (listed.result as ArtifactSummary[]).find((a) => a.id === id);
  return summary ? succeed(summary) : fail("not_found", `no artifact ${id}`);
}

async function readManifest(
  ctx: ToolContext,
  summary: ArtifactSummary,
  maxReadPrice: number,
): Promise<Envelope<Manifest>> {
  if (ctx.identity.kind === "operator") {
    const full = await ctx.client.call("getArtifact", { id: summary.id });
    if (!full.success) return full;
    return succeed(full.result.code?.manifest as Manifest);
  }
  const price = summary.owner === ctx.identity.id ? 0 : summary.policy.readPrice;
  if (price > maxReadPrice)
    return fail(
      "conflict",
      `reading ${summary.id}'s manifest costs ${price}, above maxReadPrice ${maxReadPrice}`,
      { readPrice: price },
    );
  const read = await withConfirmation(ctx, `read ${summary.id}`, (confirmed) =>
    ctx.client.call("read", { id: summary.id, ...(confirmed ? { confirmed } : {}) } as never),
  );
  if (!read.success) return read;
  // Keep the read's cost and events: the agent paid for this manifest.
  return { ...read, result: (read.result as unknown as { manifest: Manifest }).manifest };
}
