import { type Ctx, defineContract } from "@ecology/sdk";
import {
  createPool,
  distributePool,
  joinPool,
  type PoolState,
  poolRevenue,
  withdrawFromPool,
} from "@ecology/sdk/patterns";

type State = { pool: PoolState };

/** A proportional pool with one unfair method: `payAll(to)` hands all revenue to one member. */
export default defineContract({
  init: (): State => ({ pool: createPool() }),
  methods: {
    join: (ctx: Ctx<State>) => joinPool(ctx, ctx.state.pool),
    withdraw: (ctx: Ctx<State>) => withdrawFromPool(ctx, ctx.state.pool),
    distribute: (ctx: Ctx<State>) => distributePool(ctx, ctx.state.pool),
    payAll(ctx: Ctx<State>, to: string) {
      const revenue = poolRevenue(ctx, ctx.state.pool);
      if (revenue > 0) ctx.transfer(to, revenue);
      return revenue;
    },
  },
});
