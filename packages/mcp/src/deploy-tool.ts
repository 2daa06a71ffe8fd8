import { RPC_METHODS, type RpcParams, SCHEMAS, s } from "@ecology/protocol";
import { compileSource } from "./compile-source.js";
import { DATA_NOTE, type EcologyTool, envelopeSchema } from "./tool.js";

/** Largest source accepted (characters): a contract with room to spare. */
export const MAX_SOURCE_CHARS = 512 * 1024;

const PARAMS = s.object({
  source: s.string({
    minLength: 1,
    maxLength: MAX_SOURCE_CHARS,
    description:
      'TypeScript: `import { defineContract } from "@ecology/sdk"; export default defineContract({ … })`',
  }),
  id: s.optional(SCHEMAS.ID),
  args: s.optional(s.array(s.json(), { description: "init arguments" })),
  policy: s.optional(SCHEMAS.POLICY_CHANGE),
  metadata: s.optional(SCHEMAS.JSON_OBJECT),
});

/**
 * `deploy_typescript`: compiles contract source with the SDK's compiler (determinism rules,
 * type check, manifest) and deploys it as the session's principal, which owns it. A compile
 * error is an `invalid_argument` envelope naming `contract.ts:line:column`.
 */
export const deployTypescriptTool: EcologyTool = {
  name: "deploy_typescript",
  description: `Compiles a TypeScript contract (defineContract from @ecology/sdk; no Date, Math.random, timers, fetch or Node imports) and deploys it owned by you, running init with args. Set id, prices and allow-lists through id and policy (invokePrice, readPrice, methodPrices, allowInvoke, allowRead, upgradable). A compile error names contract.ts:line:column. ${DATA_NOTE}`,
  inputSchema: PARAMS,
  outputSchema: envelopeSchema(RPC_METHODS.deploy.result),
  annotations: { readOnlyHint: false, destructiveHint: true, openWorldHint: false },
  audience: "principal",
  async run(args, { client }) {
    const { source, ...rest } = args as { source: string } & Omit<RpcParams<"deploy">, "code">;
    if (typeof source !== "string" || source.length === 0 || source.length > MAX_SOURCE_CHARS) {
      return {
        success: false,
        error: {
          code: "invalid_argument",
          message: `source must be 1..${MAX_SOURCE_CHARS} characters of TypeScript`,
        },
      };
    }
    const built = await compileSource(source);
    if ("error" in built) return built;
    return client.call("deploy", { ...rest, code: built.code } as RpcParams<"deploy">);
  },
};
