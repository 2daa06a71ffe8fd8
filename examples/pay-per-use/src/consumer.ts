import { type Ctx, contractRef, defineContract } from "@ecology/sdk";
import type MarketData from "./market-data.js";

type State = { service: string; analyses: number };

/**
 * The seed's consumer: it invokes the service from its own wallet (the price is charged to the
 * consumer contract, the immediate caller) and analyses the result. `ctx.invoke` returns the
 * envelope, so an unaffordable call is handled without a try/catch; the typed ref checks the
 * method name and result type at compile time.
 */
export default defineContract({
  init: (_ctx, service: string): State => ({ service, analyses: 0 }),
  methods: {
    analyze(ctx: Ctx<State>) {
      const service = contractRef<typeof MarketData>(ctx.state.service);
      const data = ctx.invoke(service, "summary");
      if (!data.success) return { error: data.error.code };
      ctx.state.analyses += 1;
      return { trend: data.result.average > 100 ? "up" : "down", basedOn: data.result.count };
    },
  },
});
