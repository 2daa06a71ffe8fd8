import { type Ctx, contractRef, defineContract } from "@ecology/sdk";
import { meetsReputation, type ReputationRule } from "@ecology/sdk/patterns";
import type ReputationService from "./reputation-service.js";

type State = { reputation: string; rule: ReputationRule; members: string[] };

/**
 * Reputation-gated membership (seed Pattern 4): `requestMembership` asks the reputation service
 * about the caller and admits them only if the rule holds.
 */
export default defineContract({
  init: (_ctx, reputation: string, rule: ReputationRule): State => ({
    reputation,
    rule,
    members: [],
  }),
  methods: {
    requestMembership(ctx: Ctx<State>) {
      if (ctx.state.members.includes(ctx.caller)) return { status: "member" as const };
      const service = contractRef<typeof ReputationService>(ctx.state.reputation);
      const score = ctx.call(service, "reputation", ctx.caller);
      const verdict = meetsReputation(score, ctx.state.rule);
      if (!verdict.ok) {
        ctx.emit("membership.denied", { agent: ctx.caller, reason: verdict.reason });
        return { status: "denied" as const, reason: verdict.reason };
      }
      ctx.state.members.push(ctx.caller);
      ctx.emit("membership.granted", { agent: ctx.caller });
      return { status: "approved" as const };
    },
  },
  views: {
    members: (ctx: Ctx<State>) => ctx.state.members,
  },
});
