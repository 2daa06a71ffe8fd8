import { type Ctx, defineContract } from "@ecology/sdk";
import { clamp } from "./lib/clamp.js";

type State = { count: number; max: number };

export default defineContract({
  init: (_ctx, max: number): State => ({ count: 0, max }),
  methods: {
    increment(ctx: Ctx<State>, by: number) {
      ctx.state.count = clamp(ctx.state.count + by, 0, ctx.state.max);
      return ctx.state.count;
    },
  },
  views: { current: (ctx: Ctx<State>) => ctx.state.count },
  prices: { increment: 2 },
});
