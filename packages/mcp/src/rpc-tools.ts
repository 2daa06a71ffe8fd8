import {
  type JsonSchema,
  RPC_METHODS,
  type RpcMethod,
  type RpcMethodSpec,
} from "@ecology/protocol";
import { withConfirmation } from "./confirmation.js";
import {
  DATA_NOTE,
  type EcologyTool,
  envelopeSchema,
  type SessionIdentity,
  snakeCase,
} from "./tool.js";

/** What an agent needs to know beyond the table's one line, for a few methods. */
const MORE: Partial<Record<RpcMethod, string>> = {
  invoke:
    "Get a contract's methods and their argument schemas first with contract_methods (genesis artifacts: discover). Set maxPrice to cap what you pay.",
  deploy:
    "Takes compiled code; to deploy TypeScript source, use deploy_typescript, which compiles it for you.",
  upgrade: "Takes compiled code (see deploy_typescript for compiling TypeScript).",
  read: "Costs the artifact's readPrice (see discover).",
  trace: "explain_transaction gives the same with the summary first.",
};

/**
 * The tools generated from `@ecology/protocol`'s RPC table (DESIGN.md §11): one per method, named
 * in snake_case, its description the table's line (plus who may call it and the data note), its
 * input schema the params schema, its output the envelope of the result schema, and annotations
 * from `mutates`. A principal session gets the `principal` and `any` methods; an operator session
 * the `operator` and `any` ones; a grant session those of a principal but the grant methods.
 * `confirmed` is left out of `invoke` and `read`: only the human answers it, by elicitation.
 *
 * @example
 * ```ts
 * rpcTools({ kind: "principal", id: "alice" }).map((t) => t.name); // ["invoke", "deploy", …]
 * ```
 */
export function rpcTools(identity: SessionIdentity): EcologyTool[] {
  const wanted = identity.kind === "operator" ? "operator" : "principal";
  return (Object.keys(RPC_METHODS) as RpcMethod[])
    .filter((method) => {
      const spec: RpcMethodSpec = RPC_METHODS[method];
      // A grant never reaches the grant methods (the server refuses them too): no wider grants.
      if (identity.kind === "grant" && spec.refusesGrants) return false;
      return spec.role === "any" || spec.role === wanted;
    })
    .map((method) => rpcTool(method, RPC_METHODS[method] as RpcMethodSpec));
}

function rpcTool(method: RpcMethod, spec: RpcMethodSpec): EcologyTool {
  const who =
    spec.role === "operator"
      ? "Operator only."
      : spec.role === "principal"
        ? "Acts as this session's principal."
        : "Any session.";
  const more = MORE[method];
  return {
    name: snakeCase(method),
    description: [spec.description, more, who, DATA_NOTE].filter(Boolean).join(" "),
    // `confirmed` is the human's answer, asked by elicitation: the agent cannot send it.
    inputSchema: SPENDS.has(method) ? withoutProperty(spec.params, "confirmed") : spec.params,
    outputSchema: envelopeSchema(spec.result),
    annotations: {
      title: method,
      readOnlyHint: !spec.mutates,
      destructiveHint: spec.mutates,
      openWorldHint: false,
    },
    audience: spec.role,
    run: SPENDS.has(method)
      ? (args, ctx) =>
          withConfirmation(ctx, describeCall(method, args), (confirmed) =>
            ctx.client.call(method, (confirmed ? { ...args, confirmed } : args) as never),
          )
      : (args, ctx) => ctx.client.call(method, args as never),
  };
}

/** The methods that move the caller's scrip, which a grant may ask a human to confirm. */
const SPENDS: ReadonlySet<RpcMethod> = new Set(["invoke", "read"]);

function withoutProperty(schema: JsonSchema, name: string): JsonSchema {
  const { [name]: _dropped, ...properties } = schema.properties as { [key: string]: JsonSchema };
  const required = (schema.required as string[] | undefined)?.filter((key) => key !== name);
  return { ...schema, properties, ...(required ? { required } : {}) };
}

function describeCall(method: RpcMethod, args: { [key: string]: unknown }): string {
  if (method === "invoke") return `invoke ${String(args.target)}.${String(args.method)}`;
  return `${method} ${String(args.id)}`;
}
