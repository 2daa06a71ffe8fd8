import { type Ctx, defineContract } from "@ecology/sdk";

/**
 * One hop of a call chain for the depth benchmark: `forward` calls `use` on `next`, which is
 * either another relay or the paid service at the bottom.
 */
export default defineContract({
  init: (_ctx, next: string) => ({ next, forwarded: 0 }),
  methods: {
    use(ctx: Ctx<{ next: string; forwarded: number }>): unknown {
      ctx.state.forwarded += 1;
      return ctx.call(ctx.state.next, "use");
    },
  },
});
