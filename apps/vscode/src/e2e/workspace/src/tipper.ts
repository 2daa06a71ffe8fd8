import { type Ctx, defineContract } from "@ecology/sdk";

/** The end-to-end test's caller: hover and completion work on its invoke targets. */
export default defineContract({
  methods: {
    tip: (ctx: Ctx<null>, amount: number) => {
      ctx.call("genesis_ledger", "transfer", "pool", amount);
      return amount;
    },
  },
});
