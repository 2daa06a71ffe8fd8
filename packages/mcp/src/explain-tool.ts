import { RPC_METHODS, succeed } from "@ecology/protocol";
import { DATA_NOTE, type EcologyTool, envelopeSchema } from "./tool.js";

/**
 * `explain_transaction`: a transaction's trace (DESIGN.md §12) with its one-line summary first,
 * then the invoke tree, scrip flows, ownership and state changes and events. Values `allowRead`
 * protects are redacted for anyone but the operator (the server's rule, not ours).
 */
export const explainTool: EcologyTool = {
  name: "explain_transaction",
  description: `Explains a transaction: a one-line summary first, then who called what with which arguments, who paid whom, what changed and why it failed. Name it by tx id (e.g. tx12), by the seq of any of its events (event), or last: true for the latest. Read-only. ${DATA_NOTE}`,
  inputSchema: RPC_METHODS.trace.params,
  outputSchema: envelopeSchema(RPC_METHODS.trace.result),
  annotations: { readOnlyHint: true, destructiveHint: false, openWorldHint: false },
  audience: "any",
  async run(args, { client }) {
    const traced = await client.call("trace", args as never);
    if (!traced.success) return traced;
    const { summary, ...rest } = traced.result;
    return succeed({ summary, ...rest });
  },
};
