import { type Ctx, defineContract } from "@ecology/sdk";

/**
 * counter.ts with one change, for replay tests: an increment above 5 counts as 5. Histories
 * whose increments are all 5 or less replay identically.
 */
type State = { count: number; deadline: number };

export default defineContract({
  init: (ctx, ttl: number): State => ({ count: 0, deadline: ctx.now + ttl }),
  methods: {
    increment(ctx: Ctx<State>, by: number) {
      if (by <= 0) ctx.fail("invalid_argument", "by must be positive");
      if (ctx.now > ctx.state.deadline) ctx.fail("invalid_state", "the counter has expired");
      ctx.state.count += Math.min(by, 5);
      ctx.emit("incremented", { by, count: ctx.state.count, caller: ctx.caller });
      return ctx.state.count;
    },
    explode(ctx: Ctx<State>) {
      ctx.state.count = -1;
      throw new Error("exploded on purpose");
    },
  },
  views: { current: (ctx: Ctx<State>) => ctx.state.count },
  prices: { increment: 2 },
});
