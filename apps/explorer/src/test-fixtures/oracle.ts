import { type Ctx, defineContract } from "@ecology/sdk";

type State = { quotes: number };

/** alice's oracle: `quote` answers and emits; `boom` always fails with a coded error. */
export default defineContract({
  init: (): State => ({ quotes: 0 }),
  methods: {
    quote(ctx: Ctx<State>) {
      ctx.state.quotes += 1;
      ctx.emit("quoted", { by: ctx.caller });
      return 42;
    },
    boom(ctx: Ctx<State>) {
      return ctx.fail("invalid_state", "the oracle is down");
    },
  },
});
