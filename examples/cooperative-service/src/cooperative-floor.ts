import { type Ctx, defineContract, type Integer } from "@ecology/sdk";
import {
  idMapEntries,
  type PoolState,
  poolMembers,
  poolRevenue,
  requireCaller,
} from "@ecology/sdk/patterns";
import cooperative, { type CooperativeState, openCooperative } from "./cooperative.js";

/**
 * Floor rounding: each member gets `floor(revenue × contribution / total)` and the units left
 * over stay in the pool as revenue for the next distribution (the cooperative's own rule hands
 * them out by largest remainder). Same events, same result shape.
 */
function distributeFloor(ctx: Ctx<CooperativeState>, pool: PoolState) {
  requireCaller(ctx, poolMembers(pool), "only pool members can distribute");
  const revenue = poolRevenue(ctx, pool);
  if (revenue === 0) return { distributed: 0, payouts: [] };
  const payouts = idMapEntries(pool.contributions).map(([member, share]) => ({
    member,
    amount: Math.floor((revenue * share) / pool.total),
  }));
  for (const p of payouts) if (p.amount > 0) ctx.transfer(p.member, p.amount);
  const distributed = payouts.reduce((sum, p) => sum + p.amount, 0);
  ctx.emit("pool.distributed", { amount: distributed, payouts });
  return { distributed, payouts };
}

/**
 * The cooperative with one change, for replay tests and the guide: `distribute` rounds shares
 * down instead of handing the remainder out. Everything else is the cooperative's own code.
 */
export default defineContract({
  init: (_ctx, price: Integer, required: Integer) => openCooperative(price, required),
  methods: {
    ...cooperative.methods,
    distribute: (ctx: Ctx<CooperativeState>) => distributeFloor(ctx, ctx.state.pool),
  },
  views: cooperative.views,
});
