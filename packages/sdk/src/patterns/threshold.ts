import type { JsonValue } from "@ecology/protocol";
import type { ContextBase } from "../ctx.js";
import { withValue } from "../with-value.js";
import { requireCaller, requirePositiveAmount } from "./guards.js";
import { type IdMap, idMapGet, idMapSet } from "./id-map.js";

/**
 * What a threshold agreement does once enough parties approved. `transfer` pays from the
 * contract's own wallet; `call` invokes another artifact as the contract (optionally with
 * value attached); `custom` is handed to the contract's own executor.
 */
export type AgreedAction =
  | { kind: "transfer"; to: string; amount: number }
  | { kind: "call"; target: string; method: string; args: JsonValue[]; value?: number }
  | { kind: "custom"; name: string; data: JsonValue };

/** One proposal: its action, who approved it (each once) and whether it ran. */
export interface Proposal {
  id: number;
  proposer: string;
  description: string;
  action: AgreedAction;
  approvals: string[];
  status: "pending" | "executed";
  result: JsonValue;
}

/** The threshold slice of a contract's state. */
export interface ThresholdState {
  /** Who may propose and approve; an empty list means anyone. */
  parties: string[];
  /** Approvals needed to execute. */
  required: number;
  /** Proposals by id (as a string): an {@link IdMap}, read it with `idMapGet`. */
  proposals: IdMap<Proposal>;
  nextId: number;
}

/** Runs a `custom` action; return what the proposal should record as its result. */
export type CustomExecutor = (ctx: ContextBase, name: string, data: JsonValue) => JsonValue;

/** What {@link approveProposal} reports. */
export type ApprovalStatus =
  | { status: "pending"; approvals: number; required: number }
  | { status: "executed"; approvals: number; result: JsonValue };

/**
 * A threshold slice requiring `required` approvals among `parties` (empty: anyone).
 *
 * @example
 * ```ts
 * init: (_ctx, parties: string[]) => ({ t: createThreshold(parties, 3) })
 * ```
 */
export function createThreshold(parties: string[], required: number): ThresholdState {
  return { parties: [...parties], required, proposals: {}, nextId: 1 };
}

function requireParty(ctx: ContextBase, t: ThresholdState): void {
  if (t.parties.length > 0)
    requireCaller(ctx, t.parties, "only the agreement's parties can take part");
}

/**
 * Records a proposal to run `action` once `t.required` parties approve; the proposer's own
 * approval is not implied.
 *
 * @throws (via `ctx.fail`) `not_authorized` for non-parties.
 * @example
 * ```ts
 * propose(ctx, d: string, a: AgreedAction) { return propose(ctx, ctx.state.t, d, a); }
 * ```
 */
export function propose(
  ctx: ContextBase,
  t: ThresholdState,
  description: string,
  action: AgreedAction,
): Proposal {
  requireParty(ctx, t);
  const proposal: Proposal = {
    id: t.nextId,
    proposer: ctx.caller,
    description,
    action,
    approvals: [],
    status: "pending",
    result: null,
  };
  idMapSet(t.proposals, String(proposal.id), proposal);
  t.nextId += 1;
  ctx.emit("proposal.created", { id: proposal.id, proposer: ctx.caller, description });
  return proposal;
}

/**
 * Executes an agreed action as the contract. Exposed for contracts with their own approval
 * rules; {@link approveProposal} calls it when the threshold is reached.
 */
export function executeAction(
  ctx: ContextBase,
  action: AgreedAction,
  custom?: CustomExecutor,
): JsonValue {
  switch (action.kind) {
    case "transfer":
      requirePositiveAmount(ctx, action.amount, "amount");
      ctx.transfer(action.to, action.amount);
      return { transferred: action.amount, to: action.to };
    case "call": {
      const args = action.value ? [...action.args, withValue(action.value)] : action.args;
      return ctx.call(action.target, action.method, ...args);
    }
    case "custom":
      if (!custom) return ctx.fail("invalid_state", `no executor for custom action ${action.name}`);
      return custom(ctx, action.name, action.data);
  }
}

/**
 * Approves proposal `id` as the caller. A repeated approval by the same party counts once
 * (it changes nothing and reports the current status). When approvals reach `t.required` the
 * action runs in the same transaction — if it fails, the approval is rolled back with it.
 *
 * @throws (via `ctx.fail`) `not_authorized` for non-parties, `not_found` for an unknown
 * proposal, `invalid_state` when it already ran.
 * @example
 * ```ts
 * approve(ctx, id: number) { return approveProposal(ctx, ctx.state.t, id); }
 * ```
 */
export function approveProposal(
  ctx: ContextBase,
  t: ThresholdState,
  id: number,
  custom?: CustomExecutor,
): ApprovalStatus {
  requireParty(ctx, t);
  // Own entries only: an id that is not a number (a JavaScript caller) must not find a built-in.
  const proposal = idMapGet(t.proposals, String(id));
  if (!proposal)
    return ctx.fail("not_found", `no proposal ${id}; list them with the proposals view`);
  if (proposal.status === "executed")
    ctx.fail("invalid_state", `proposal ${id} was already executed`);
  if (!proposal.approvals.includes(ctx.caller)) {
    proposal.approvals.push(ctx.caller);
    ctx.emit("proposal.approved", { id, by: ctx.caller, approvals: proposal.approvals.length });
  }
  const approvals = proposal.approvals.length;
  if (approvals < t.required) return { status: "pending", approvals, required: t.required };
  proposal.result = executeAction(ctx, proposal.action, custom);
  proposal.status = "executed";
  ctx.emit("proposal.executed", { id, approvals, result: proposal.result });
  return { status: "executed", approvals, result: proposal.result };
}
