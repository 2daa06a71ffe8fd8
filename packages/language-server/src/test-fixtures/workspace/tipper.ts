import { type Ctx, defineContract, genesis } from "@ecology/sdk";

export default defineContract({
  methods: {
    tip(ctx: Ctx<null>, to: string, amount: number) {
      ctx.call(genesis.ledger, "transfer", to, amount);
      return ctx.call("counter", "increment", 1);
    },
  },
});
