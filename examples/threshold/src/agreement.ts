import { type Ctx, defineContract, type Integer } from "@ecology/sdk";
import {
  type AgreedAction,
  approveProposal,
  createThreshold,
  type IdMap,
  idMapGet,
  idMapSet,
  propose,
  requirePositiveAmount,
  type ThresholdState,
} from "@ecology/sdk/patterns";

type State = { t: ThresholdState; funded: IdMap<number> };

/**
 * A multi-party agreement (seed Pattern 3): parties propose actions — pay someone from the
 * agreement's funds, or call another artifact as the agreement — and an action runs the moment
 * the required number of distinct parties approved it.
 */
export default defineContract({
  init: (_ctx, parties: string[], required: Integer): State => ({
    t: createThreshold(parties, required),
    funded: {},
  }),
  methods: {
    /** Adds the attached scrip to the agreement's funds. */
    fund(ctx: Ctx<State>) {
      requirePositiveAmount(ctx, ctx.value, "the attached value (fund with { value: n })");
      // Through the IdMap helpers: a funder named "constructor" or "__proto__" is no special case.
      const total = (idMapGet(ctx.state.funded, ctx.caller) ?? 0) + ctx.value;
      idMapSet(ctx.state.funded, ctx.caller, total);
      ctx.emit("funded", { by: ctx.caller, amount: ctx.value });
      return total;
    },
    propose: (ctx: Ctx<State>, description: string, action: AgreedAction) =>
      propose(ctx, ctx.state.t, description, action),
    approve: (ctx: Ctx<State>, id: Integer) => approveProposal(ctx, ctx.state.t, id),
  },
  views: {
    proposals: (ctx: Ctx<State>) => Object.values(ctx.state.t.proposals),
    proposal: (ctx: Ctx<State>, id: Integer) => idMapGet(ctx.state.t.proposals, String(id)) ?? null,
  },
});
