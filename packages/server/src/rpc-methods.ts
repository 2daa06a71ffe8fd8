import { type EventType, ID_PATTERN, ID_RULE } from "@ecology/kernel";
import { z } from "zod";

const id = z.string().regex(ID_PATTERN, `ids are ${ID_RULE}`);
const amount = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const json = z.json();
const jsonObject = z.record(z.string(), json);
const allowList = z.union([z.literal("*"), z.array(id)]);
const policy = z.strictObject({
  readPrice: amount.optional(),
  invokePrice: amount.optional(),
  methodPrices: z.record(z.string(), amount).optional(),
  allowRead: allowList.optional(),
  allowInvoke: allowList.optional(),
  gate: id.optional(),
});
const manifestParam = z.object({
  name: z.string(),
  type: z.string(),
  schema: jsonObject.optional(),
  optional: z.boolean().optional(),
});
const manifest = z.object({
  methods: z.array(
    z.object({
      name: z.string(),
      kind: z.enum(["method", "view"]),
      params: z.array(manifestParam),
      returns: z.string().optional(),
      price: amount.optional(),
    }),
  ),
  init: z.object({ params: z.array(manifestParam) }).optional(),
  reentrant: z.boolean(),
});
const code = z.strictObject({
  js: z.string(),
  sourceMap: z.string().optional(),
  source: z.string().optional(),
  manifest,
});
const eventType = z.custom<EventType>(
  (v) => typeof v === "string" && /^[a-z_]{1,32}\.[A-Za-z0-9_.:-]{1,128}$/.test(v),
  "event types look like artifact.created or contract.<name>",
);
const eventFilter = z.strictObject({
  limit: z.number().int().min(1).max(1000).optional(),
  after: z.number().int().nonnegative().optional(),
  before: z.number().int().nonnegative().optional(),
  types: z.array(eventType).max(32).optional(),
  principal: id.optional(),
  artifact: id.optional(),
});

/** Who may call a method: a principal acting as itself, the operator, or either. */
export type Role = "principal" | "operator" | "any";

/**
 * Every JSON-RPC method with the role it needs and the schema of its (named) params.
 * Params are always an object; unknown keys are refused so typos do not pass silently.
 */
export const RPC_METHODS = {
  invoke: {
    role: "principal",
    params: z.strictObject({
      target: id,
      method: z.string().min(1).max(128),
      args: z.array(json).optional(),
      value: amount.optional(),
      maxPrice: amount.optional(),
    }),
  },
  deploy: {
    role: "principal",
    params: z.strictObject({
      id: id.optional(),
      code,
      args: z.array(json).optional(),
      policy: policy.optional(),
      metadata: jsonObject.optional(),
    }),
  },
  write: {
    role: "principal",
    params: z.strictObject({
      id,
      content: json,
      policy: policy.optional(),
      metadata: jsonObject.optional(),
    }),
  },
  read: { role: "principal", params: z.strictObject({ id }) },
  delete: { role: "principal", params: z.strictObject({ id }) },
  setPolicy: { role: "principal", params: z.strictObject({ id, policy }) },
  transferOwnership: { role: "principal", params: z.strictObject({ id, to: id }) },
  balance: { role: "any", params: z.strictObject({ id: id.optional() }) },
  balances: { role: "any", params: z.strictObject({}) },
  totalMinted: { role: "any", params: z.strictObject({}) },
  artifacts: {
    role: "any",
    params: z.strictObject({
      owner: id.optional(),
      kind: z.enum(["data", "contract", "genesis"]).optional(),
      nameContains: z.string().max(128).optional(),
      limit: z.number().int().min(1).max(1000).optional(),
      offset: z.number().int().nonnegative().optional(),
    }),
  },
  query: {
    role: "any",
    params: z.strictObject({
      kind: z.enum(["artifacts", "principals", "listings"]),
      filters: jsonObject.optional(),
    }),
  },
  events: { role: "any", params: eventFilter },
  verifyLog: { role: "any", params: z.strictObject({}) },
  whoami: { role: "any", params: z.strictObject({}) },
  createPrincipal: {
    role: "operator",
    params: z.strictObject({ id, scrip: amount.optional() }),
  },
  mint: { role: "operator", params: z.strictObject({ id, amount }) },
  getArtifact: { role: "operator", params: z.strictObject({ id }) },
} as const satisfies Record<string, { role: Role; params: z.ZodType }>;

/** Name of a JSON-RPC method the server offers. */
export type RpcMethod = keyof typeof RPC_METHODS;

/** The params a method takes, as its schema parses them. */
export type RpcParams<M extends RpcMethod> = z.infer<(typeof RPC_METHODS)[M]["params"]>;

/** Whether `name` is one of {@link RPC_METHODS}. */
export function isRpcMethod(name: string): name is RpcMethod {
  return Object.hasOwn(RPC_METHODS, name);
}

/** The filter schema of the event stream (the same as the `events` method). */
export const EVENT_FILTER_SCHEMA = eventFilter;
