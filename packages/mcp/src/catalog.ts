import { deployTypescriptTool } from "./deploy-tool.js";
import { contractMethodsTool, discoverTool } from "./discovery-tools.js";
import { escrowCancelTool, escrowDepositTool, escrowPurchaseTool } from "./escrow-tools.js";
import { explainTool } from "./explain-tool.js";
import { rpcTools } from "./rpc-tools.js";
import type { EcologyTool, SessionIdentity } from "./tool.js";

const NAMED_TOOLS: readonly EcologyTool[] = [
  discoverTool,
  contractMethodsTool,
  deployTypescriptTool,
  escrowDepositTool,
  escrowPurchaseTool,
  escrowCancelTool,
  explainTool,
];

/**
 * The tools a session acting as `identity` sees, and only those: the RPC table's methods for its
 * role plus the named tools (discover, contract_methods, deploy_typescript, escrow_*,
 * explain_transaction) meant for it. Operator tools appear only in an operator session. The
 * kernel checks every call again with the session's token, so the list is a courtesy, not the
 * guard.
 *
 * @example
 * ```ts
 * toolsFor({ kind: "principal", id: "alice" }).some((t) => t.name === "mint"); // false
 * ```
 */
export function toolsFor(identity: SessionIdentity): EcologyTool[] {
  const audience = identity.kind === "operator" ? "operator" : "principal";
  const named = NAMED_TOOLS.filter((t) => t.audience === "any" || t.audience === audience);
  return [...rpcTools(identity), ...named];
}
