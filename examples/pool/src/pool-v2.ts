import { type Ctx, defineContract, type Integer } from "@ecology/sdk";
import {
  createPool,
  idMapEntries,
  joinPool,
  type PoolState,
  poolMembers,
  poolRevenue,
  requireCaller,
  withdrawFromPool,
} from "@ecology/sdk/patterns";

type OldState = { pool: PoolState };
type State = { pool: PoolState; distributions: number };

/** Version 2: shares are rounded down (what is left over waits for the next round), and counted. */
function distributeRoundingDown(ctx: Ctx<State>) {
  const pool = ctx.state.pool;
  requireCaller(ctx, poolMembers(pool), "only pool members can distribute");
  const revenue = poolRevenue(ctx, pool);
  const payouts = idMapEntries(pool.contributions).map(([member, share]) => ({
    member,
    amount: Math.floor((revenue * share) / pool.total),
  }));
  for (const p of payouts) if (p.amount > 0) ctx.transfer(p.member, p.amount);
  const distributed = payouts.reduce((sum, p) => sum + p.amount, 0);
  ctx.state.distributions += 1;
  ctx.emit("pool.distributed", { amount: distributed, payouts });
  return { distributed, payouts };
}

export default defineContract({
  init: (): State => ({ pool: createPool(), distributions: 0 }),
  // Runs once, when `ecology upgrade` installs this code over version 1.
  migrate: (ctx: Ctx<OldState>, distributionsSoFar: Integer) => ({
    pool: ctx.state.pool,
    distributions: distributionsSoFar,
  }),
  methods: {
    join: (ctx: Ctx<State>) => joinPool(ctx, ctx.state.pool),
    withdraw: (ctx: Ctx<State>) => withdrawFromPool(ctx, ctx.state.pool),
    distribute: (ctx: Ctx<State>) => distributeRoundingDown(ctx),
  },
  views: {
    members: (ctx: Ctx<State>) => poolMembers(ctx.state.pool),
    revenue: (ctx: Ctx<State>) => poolRevenue(ctx, ctx.state.pool),
    distributions: (ctx: Ctx<State>) => ctx.state.distributions,
  },
});
