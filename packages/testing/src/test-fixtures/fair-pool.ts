import { type Ctx, defineContract } from "@ecology/sdk";

type State = { pool: { contributions: { [member: string]: number }; total: number } };

function members(state: State): string[] {
  return Object.keys(state.pool.contributions).sort();
}

/** A pool that splits revenue attached to `distribute` exactly: the remainder stays in the pool. */
export default defineContract({
  init: (): State => ({ pool: { contributions: {}, total: 0 } }),
  methods: {
    join(ctx: Ctx<State>) {
      if (ctx.value <= 0) ctx.fail("invalid_argument", "attach scrip to join");
      const c = ctx.state.pool.contributions;
      c[ctx.caller] = (c[ctx.caller] ?? 0) + ctx.value;
      ctx.state.pool.total += ctx.value;
      return ctx.state.pool.total;
    },
    withdraw(ctx: Ctx<State>) {
      const amount = ctx.state.pool.contributions[ctx.caller];
      if (amount === undefined) ctx.fail("not_authorized", "only members can withdraw");
      delete ctx.state.pool.contributions[ctx.caller];
      ctx.state.pool.total -= amount;
      ctx.transfer(ctx.caller, amount);
      return amount;
    },
    distribute(ctx: Ctx<State>) {
      const { total, contributions } = ctx.state.pool;
      if (total === 0) ctx.fail("invalid_state", "nobody to distribute to");
      for (const m of members(ctx.state)) {
        const share = Math.floor((ctx.value * (contributions[m] ?? 0)) / total);
        if (share > 0) ctx.transfer(m, share);
      }
      return ctx.value;
    },
  },
  views: { total: (ctx: Ctx<State>) => ctx.state.pool.total },
});
