import { type Ctx, defineContract, type Integer } from "@ecology/sdk";
import {
  createPool,
  idMapKeys,
  joinPool,
  type PoolState,
  poolMembers,
  poolRevenue,
  requireCaller,
  withdrawFromPool,
} from "@ecology/sdk/patterns";

type State = { pool: PoolState };

/**
 * A DELIBERATELY BROKEN pool, kept only for the simulation's A/B: it pays revenue out per
 * member (an equal split) instead of in proportion to contributions, so anyone who joins with
 * 1 scrip — or splits their scrip over many identities — takes a share they did not pay for.
 * `../pool.ts` runs the real pool; `../broken-pool.ts` runs this one with the same population.
 */
export default defineContract({
  init: (): State => ({ pool: createPool() }),
  methods: {
    join: (ctx: Ctx<State>) => joinPool(ctx, ctx.state.pool),
    withdraw: (ctx: Ctx<State>) => withdrawFromPool(ctx, ctx.state.pool),
    distribute(ctx: Ctx<State>, amount?: Integer) {
      const members = idMapKeys(ctx.state.pool.contributions);
      requireCaller(ctx, members, "only pool members can distribute");
      const wanted = amount ?? poolRevenue(ctx, ctx.state.pool);
      if (wanted > poolRevenue(ctx, ctx.state.pool))
        ctx.fail("invalid_argument", "only revenue can be distributed");
      const each = Math.floor(wanted / members.length);
      const payouts = members.map((member, i) => ({
        member,
        amount: each + (i < wanted - each * members.length ? 1 : 0),
      }));
      for (const p of payouts) if (p.amount > 0) ctx.transfer(p.member, p.amount);
      ctx.emit("pool.distributed", { amount: wanted, payouts });
      return { distributed: wanted, payouts };
    },
  },
  views: {
    members: (ctx: Ctx<State>) => poolMembers(ctx.state.pool),
    contributions: (ctx: Ctx<State>) => ctx.state.pool.contributions,
    revenue: (ctx: Ctx<State>) => poolRevenue(ctx, ctx.state.pool),
  },
});
