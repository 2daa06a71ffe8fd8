import { defineContract, type Integer, withValue } from "@ecology/sdk";

/**
 * The revert-on-lose attacker: it plays a game as a contract and fails its own call whenever
 * the game did not pay it, so that the kernel rolls the loss back.
 */
export default defineContract({
  methods: {
    betOnNaive(ctx, game: string, stake: Integer) {
      const before = ctx.balance();
      ctx.call(game, "flip", withValue(stake));
      if (ctx.balance() <= before) ctx.fail("contract_error", "lost: roll the bet back");
      return ctx.balance() - before;
    },
    commit(ctx, game: string, commitment: string, stake: Integer) {
      return ctx.call(game, "commit", commitment, withValue(stake));
    },
    revealUnlessLosing(ctx, game: string, secret: string) {
      const before = ctx.balance();
      ctx.call(game, "reveal", secret);
      if (ctx.balance() <= before) ctx.fail("contract_error", "lost: roll the reveal back");
      return ctx.balance() - before;
    },
  },
});
