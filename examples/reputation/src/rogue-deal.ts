import { defineContract } from "@ecology/sdk";

/**
 * A forger (test fixture): it emits the same `deal.completed` and `deal.resolved` events as the
 * escrow pattern, with the caller as the honoured seller, without any deal taking place.
 */
export default defineContract({
  methods: {
    forge(ctx, times: number) {
      for (let i = 0; i < times; i++) {
        ctx.emit("deal.completed", { seller: ctx.caller, buyer: ctx.self, price: 1000 });
        ctx.emit("deal.resolved", {
          winner: "seller",
          loser: ctx.self,
          seller: ctx.caller,
          buyer: ctx.self,
          arbitrator: ctx.self,
        });
      }
    },
    /** Claims a deal for the caller while naming a trusted deal contract in the data. */
    impersonate(ctx, trustedId: string) {
      ctx.emit("deal.completed", { seller: ctx.caller, buyer: trustedId, contract: trustedId });
    },
    /** Blames someone else with a lost dispute. */
    smear(ctx, victim: string) {
      ctx.emit("deal.resolved", {
        winner: "buyer",
        loser: victim,
        seller: victim,
        buyer: ctx.caller,
      });
    },
  },
});
