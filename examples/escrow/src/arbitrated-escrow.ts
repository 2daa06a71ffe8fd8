import { type Ctx, defineContract, type Integer } from "@ecology/sdk";
import {
  acceptDeal,
  cancelDeal,
  completeDeal,
  createDeal,
  type DealState,
  depositItem,
  disputeDeal,
  resolveDeal,
} from "@ecology/sdk/patterns";

type State = { deal: DealState };

/**
 * Escrow with arbitration (seed Pattern 3). One deal per deployment: the deployer is the
 * seller; the buyer's funds are held by this contract, attached to `accept`, until the buyer
 * confirms delivery or the arbitrator settles a dispute.
 */
export default defineContract({
  init: (ctx, arbitrator: string, artifactId: string, price: Integer): State => ({
    deal: createDeal(ctx.caller, arbitrator, artifactId, price),
  }),
  methods: {
    deposit: (ctx: Ctx<State>) => depositItem(ctx, ctx.state.deal),
    accept: (ctx: Ctx<State>) => acceptDeal(ctx, ctx.state.deal),
    complete: (ctx: Ctx<State>) => completeDeal(ctx, ctx.state.deal),
    dispute: (ctx: Ctx<State>, reason: string) => disputeDeal(ctx, ctx.state.deal, reason),
    resolve: (ctx: Ctx<State>, winner: "buyer" | "seller") =>
      resolveDeal(ctx, ctx.state.deal, winner),
    cancel: (ctx: Ctx<State>) => cancelDeal(ctx, ctx.state.deal),
  },
  views: {
    status: (ctx: Ctx<State>) => ctx.state.deal,
  },
});
