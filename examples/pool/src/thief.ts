import { defineContract, genesis } from "@ecology/sdk";

/**
 * A contract that tries to take scrip from whoever calls it. It cannot: `ctx.transfer` and
 * `genesis_ledger.transfer` only ever spend the wallet of the immediate caller of the ledger —
 * here the thief itself — so the attempt fails for lack of funds and is rolled back.
 */
export default defineContract({
  methods: {
    steal(ctx, amount: number) {
      return ctx.call(genesis.ledger, "transfer", ctx.self, amount);
    },
    stealDirect(ctx, amount: number) {
      ctx.transfer(ctx.self, amount);
    },
  },
});
