import { type Ctx, defineContract } from "@ecology/sdk";

type State = { total: number };

/** {@link ./tally.ts} with a bug: `add` counts everything twice. Replay it to see what changes. */
export default defineContract({
  init: (): State => ({ total: 0 }),
  methods: {
    add(ctx: Ctx<State>, n: number) {
      ctx.state.total += 2 * n;
      return ctx.state.total;
    },
  },
  prices: { add: 1 },
});
