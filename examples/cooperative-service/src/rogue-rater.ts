import { defineContract } from "@ecology/sdk";

/**
 * A forger (test fixture): it emits the cooperative's `service.served` and `service.rated`
 * events, naming the cooperative in their data so that the log's `artifact` filter matches them.
 */
export default defineContract({
  methods: {
    smear(ctx, coop: string, provider: string) {
      ctx.emit("service.served", { provider, consumer: coop, request: "fake" });
      ctx.emit("service.rated", { provider, good: false, by: coop });
    },
  },
});
