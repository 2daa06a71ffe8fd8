import { type Ctx, defineContract } from "@ecology/sdk";

type State = { total: number };

/** Keeps a running total (1 scrip an `add`, paid to its owner): the contract of the upgrade and replay tests. */
export default defineContract({
  init: (): State => ({ total: 0 }),
  methods: {
    add(ctx: Ctx<State>, n: number) {
      ctx.state.total += n;
      return ctx.state.total;
    },
  },
  prices: { add: 1 },
});
