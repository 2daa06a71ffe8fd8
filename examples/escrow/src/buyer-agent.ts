import { defineContract, genesis } from "@ecology/sdk";
import { buyListing } from "@ecology/sdk/patterns";

/**
 * The seed's buyer agent as a contract: it checks a `genesis_escrow` listing and buys it with
 * its own scrip only if the price is within its limit and it can afford it.
 */
export default defineContract({
  methods: {
    buy: (ctx, artifactId: string, maxPrice: number) => buyListing(ctx, artifactId, maxPrice),
    handOver: (ctx, artifactId: string, to: string) =>
      ctx.call(genesis.ledger, "transferOwnership", artifactId, to),
  },
  views: {
    listings: (ctx) => ctx.call(genesis.escrow, "listActive", { limit: 10 }).listings,
  },
});
