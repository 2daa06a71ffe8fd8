import type { JsonValue } from "@ecology/protocol";
import type { ContextBase } from "../ctx.js";
import { requireOwner } from "./guards.js";

/** The access rules a gatekeeper enforces. */
export interface AccessRules {
  blacklist: string[];
  /** Callers need at least this balance (0: no minimum). */
  minBalance: number;
}

/** The gatekeeper slice: which artifact it protects and the rules. */
export interface GatekeeperState {
  protected: string;
  rules: AccessRules;
}

/** The outcome of an access check. */
export type AccessDecision =
  | { allowed: true }
  | { allowed: false; reason: "blacklisted" | "insufficient_balance" };

/**
 * A gatekeeper slice for `protectedId`. Give the protected artifact the policy
 * `allowRead: [<gatekeeper id>]` so only the gatekeeper can read it.
 *
 * @example
 * ```ts
 * init: (_ctx, id: string) => ({ gate: createGatekeeper(id, { blacklist: [], minBalance: 100 }) })
 * ```
 */
export function createGatekeeper(protectedId: string, rules: AccessRules): GatekeeperState {
  return {
    protected: protectedId,
    rules: { blacklist: [...rules.blacklist], minBalance: rules.minBalance },
  };
}

/** Applies the rules to `who` (blacklist first, then balance). Pure apart from a balance read. */
export function checkAccess(ctx: ContextBase, gate: GatekeeperState, who: string): AccessDecision {
  if (gate.rules.blacklist.includes(who)) return { allowed: false, reason: "blacklisted" };
  if (ctx.balance(who) < gate.rules.minBalance)
    return { allowed: false, reason: "insufficient_balance" };
  return { allowed: true };
}

/**
 * Checks the caller and, if admitted, reads the protected artifact **as the gatekeeper** and
 * returns its content; a refused caller gets the reason and never the data.
 *
 * @example
 * ```ts
 * requestAccess(ctx) { return requestAccess(ctx, ctx.state.gate); }
 * ```
 */
export function requestAccess(
  ctx: ContextBase,
  gate: GatekeeperState,
): { allowed: true; data: JsonValue } | (AccessDecision & { allowed: false }) {
  const decision = checkAccess(ctx, gate, ctx.caller);
  if (!decision.allowed) {
    ctx.emit("access.denied", { caller: ctx.caller, reason: decision.reason });
    return decision;
  }
  ctx.emit("access.granted", { caller: ctx.caller, artifact: gate.protected });
  return { allowed: true, data: ctx.read(gate.protected) };
}

/**
 * Updates the rules (a partial patch); only the gatekeeper's owner may.
 *
 * @throws (via `ctx.fail`) `not_authorized` for anyone but the owner.
 */
export function updateRules(
  ctx: ContextBase,
  gate: GatekeeperState,
  patch: Partial<AccessRules>,
): AccessRules {
  requireOwner(ctx, "only the gatekeeper's owner updates its rules");
  if (patch.blacklist !== undefined) gate.rules.blacklist = [...patch.blacklist];
  if (patch.minBalance !== undefined) gate.rules.minBalance = patch.minBalance;
  ctx.emit("rules.updated", { blacklist: gate.rules.blacklist, minBalance: gate.rules.minBalance });
  return gate.rules;
}
