import { type Ctx, defineContract } from "@ecology/sdk";

/**
 * Builds event history fast for the growth benchmark: one call logs `count` events
 * (`contract.tick`), each hash-chained and indexed like any other.
 */
export default defineContract({
  init: () => ({ calls: 0 }),
  methods: {
    burst(ctx: Ctx<{ calls: number }>, count: number) {
      ctx.state.calls += 1;
      for (let i = 0; i < count; i++) ctx.emit("tick", { i, by: ctx.caller });
      return count;
    },
  },
});
