import { type Ctx, defineContract } from "@ecology/sdk";

type State = { count: number };

export default defineContract({
  init: (_ctx): State => ({ count: 0 }),
  methods: {
    increment(ctx: Ctx<State>, by: number) {
      ctx.state.count += by;
      return ctx.state.count;
    },
  },
  views: {
    current: (ctx: Ctx<State>) => ctx.state.count,
  },
  prices: { increment: 2 },
});
