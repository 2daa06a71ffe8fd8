import { type Ctx, defineContract } from "@ecology/sdk";
import { createUsage, recordUse, tieredPrices, type UsageState } from "@ecology/sdk/patterns";

type Quote = { symbol: string; price: number };
type State = { quotes: Quote[]; usage: UsageState };

/**
 * A pay-per-use data service (seed Pattern 2). Billing is the kernel's: `invokePrice` (set in
 * the deploy policy) for the base tier and `prices` per method for the others are charged to
 * the caller and paid to the owner before a method runs — the code never handles payment.
 */
export default defineContract({
  init: (_ctx, quotes: Quote[]): State => ({ quotes, usage: createUsage() }),
  methods: {
    summary(ctx: Ctx<State>) {
      recordUse(ctx, ctx.state.usage, "summary");
      const prices = ctx.state.quotes.map((q) => q.price);
      return {
        count: prices.length,
        average: prices.reduce((a, b) => a + b, 0) / Math.max(1, prices.length),
      };
    },
    detailed(ctx: Ctx<State>) {
      recordUse(ctx, ctx.state.usage, "detailed");
      return ctx.state.quotes;
    },
    premium(ctx: Ctx<State>, symbol: string) {
      recordUse(ctx, ctx.state.usage, "premium");
      const quote = ctx.state.quotes.find((q) => q.symbol === symbol);
      if (!quote) return ctx.fail("not_found", `no quote for ${symbol}`);
      return { ...quote, spread: Math.round(quote.price * 0.01 * 100) / 100 };
    },
    /** Only the provider updates the data. */
    publish(ctx: Ctx<State>, quotes: Quote[]) {
      if (ctx.caller !== ctx.owner)
        ctx.fail("not_authorized", "only the provider publishes quotes");
      ctx.state.quotes = quotes;
    },
  },
  views: {
    usage: (ctx: Ctx<State>) => ctx.state.usage,
  },
  prices: tieredPrices({ detailed: 10, premium: 25, publish: 0, usage: 0 }),
});
