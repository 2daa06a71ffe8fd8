import { defineContract } from "@ecology/sdk";

// The example of defineContract's own TSDoc, verbatim: init's `_ctx` unannotated, no State type.
export default defineContract({
  init: (_ctx, goal: number) => ({ goal, raised: 0 }),
  methods: {
    give(ctx) {
      ctx.state.raised += ctx.value;
      return ctx.state.raised;
    },
  },
  views: { progress: (ctx) => ctx.state.raised / ctx.state.goal },
  prices: { give: 0 },
});
