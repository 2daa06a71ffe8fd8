import { type Ctx, defineContract } from "@ecology/sdk";

/** The first version of a counter: a bare number. counter-v2 replaces it through an upgrade. */
type State = { n: number };

export default defineContract({
  init: (): State => ({ n: 0 }),
  methods: {
    increment(ctx: Ctx<State>) {
      ctx.state.n += 1;
      return ctx.state.n;
    },
  },
});
