import { type Ctx, defineContract, type Integer } from "@ecology/sdk";
import {
  createPool,
  distributePool,
  joinPool,
  type PoolState,
  poolMembers,
  poolRevenue,
  withdrawFromPool,
} from "@ecology/sdk/patterns";

type State = { pool: PoolState };

/**
 * Resource pooling (seed Pattern 6): members join with scrip attached, withdraw their own
 * contribution, and share revenue in proportion to contributions (largest-remainder rule).
 */
export default defineContract({
  init: (): State => ({ pool: createPool() }),
  methods: {
    join: (ctx: Ctx<State>) => joinPool(ctx, ctx.state.pool),
    withdraw: (ctx: Ctx<State>) => withdrawFromPool(ctx, ctx.state.pool),
    distribute: (ctx: Ctx<State>, amount?: Integer) => distributePool(ctx, ctx.state.pool, amount),
  },
  views: {
    members: (ctx: Ctx<State>) => poolMembers(ctx.state.pool),
    contributions: (ctx: Ctx<State>) => ctx.state.pool.contributions,
    revenue: (ctx: Ctx<State>) => poolRevenue(ctx, ctx.state.pool),
  },
});
