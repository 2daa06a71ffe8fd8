import { type Ctx, defineContract } from "@ecology/sdk";
import {
  computeReputation,
  requireTrustedSources,
  type TrustedSources,
} from "@ecology/sdk/patterns";

type State = { trusted: TrustedSources };

/**
 * A reputation service (seed Pattern 4): it computes an agent's metrics from the event log every
 * time, reading `genesis_event_log` as itself. Deal events count only from the contracts it was
 * deployed to trust (`args: [{ codeHashes: [<the audited deal contract's hash>] }]`): anyone can
 * deploy a contract that emits `deal.completed`.
 */
export default defineContract({
  init: (ctx, trusted: TrustedSources): State => ({ trusted: requireTrustedSources(ctx, trusted) }),
  methods: {},
  views: {
    reputation: (ctx: Ctx<State>, agent: string) =>
      computeReputation(ctx, agent, ctx.state.trusted),
  },
});
