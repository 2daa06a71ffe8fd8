import { defineContract } from "@ecology/sdk";
import { computeReputation } from "@ecology/sdk/patterns";

/**
 * A reputation service (seed Pattern 4): it keeps no state of its own and computes an agent's
 * metrics from the event log every time, reading `genesis_event_log` as itself.
 */
export default defineContract({
  methods: {},
  views: {
    reputation: (ctx, agent: string) => computeReputation(ctx, agent),
  },
});
