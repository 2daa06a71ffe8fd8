import { type Ctx, defineContract } from "@ecology/sdk";

export default defineContract({
  methods: {
    add(ctx: Ctx<{ total: number }>, n: number) {
      ctx.state.total = `${n}`;
    },
  },
});
