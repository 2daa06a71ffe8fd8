import { type Ctx, defineContract, type Integer } from "@ecology/sdk";
import {
  type CommitRevealState,
  commitTo,
  createCommitReveal,
  revealSecret,
  settleCommitReveal,
} from "@ecology/sdk/patterns";

type State = { round: CommitRevealState };

/** A two-player coin flip on the commit–reveal pattern: the winner takes both stakes. */
export default defineContract({
  init: (_ctx, stake: Integer): State => ({
    round: createCommitReveal({ players: 2, stake, revealWindow: 60_000 }),
  }),
  methods: {
    commit: (ctx: Ctx<State>, commitment: string) => commitTo(ctx, ctx.state.round, commitment),
    reveal: (ctx: Ctx<State>, secret: string) => revealSecret(ctx, ctx.state.round, secret),
    settle: (ctx: Ctx<State>) => settleCommitReveal(ctx, ctx.state.round),
  },
  views: { round: (ctx: Ctx<State>) => ctx.state.round },
});
