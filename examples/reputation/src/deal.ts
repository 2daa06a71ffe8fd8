import { type Ctx, defineContract, type Integer } from "@ecology/sdk";
import {
  acceptDeal,
  completeDeal,
  createDeal,
  type DealState,
  depositItem,
  disputeDeal,
  resolveDeal,
} from "@ecology/sdk/patterns";

type State = { deal: DealState };

/**
 * One arbitrated deal per deployment, built from the escrow pattern: the deployer sells
 * `artifactId` for `price`, the buyer's scrip stays in this contract until the buyer completes
 * or `arbitrator` rules on a dispute. This example keeps it only as a source of history: the
 * pattern emits `deal.completed` and `deal.resolved`, which the reputation service reads from
 * the event log as contracts honoured and disputes lost.
 *
 * Deploy with `args: [arbitrator, artifactId, price]`, give the artifact to the deal, then
 * `deposit`; a buyer `accept`s with the price attached.
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
  },
  views: {
    status: (ctx: Ctx<State>) => ctx.state.deal,
  },
});
