import { type Ctx, defineContract, type Integer } from "@ecology/sdk";

type State = { count: number; lastCaller: string | null };

/**
 * A counter: anyone may add to it; only the owner may reset it. `ctx.state` persists between
 * invokes, and a method that throws leaves it untouched.
 */
export default defineContract({
  init: (_ctx, start: Integer): State => ({ count: start, lastCaller: null }),
  methods: {
    increment(ctx: Ctx<State>, by: Integer) {
      if (by <= 0) ctx.fail("invalid_argument", "by must be a positive integer");
      ctx.state.count += by;
      ctx.state.lastCaller = ctx.caller;
      ctx.emit("counted", { by, count: ctx.state.count });
      return ctx.state.count;
    },
    reset(ctx: Ctx<State>) {
      if (ctx.caller !== ctx.owner) ctx.fail("not_authorized", "only the owner may reset");
      ctx.state.count = 0;
      return 0;
    },
  },
  views: {
    count: (ctx: Ctx<State>) => ctx.state.count,
  },
  prices: { increment: 1 },
});
