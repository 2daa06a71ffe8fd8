import { type Ctx, defineContract } from "@ecology/sdk";

type State = { calls: number };

/**
 * Echoes what it is given (2 scrip a call); `label` takes a string param (argument coercion);
 * `guard` refuses every caller with its own `ctx.fail("not_authorized")` (hints by source).
 */
export default defineContract({
  init: (): State => ({ calls: 0 }),
  methods: {
    echo(ctx: Ctx<State>, value: unknown) {
      ctx.state.calls += 1;
      return value;
    },
    label(_ctx: Ctx<State>, name: string, count: number) {
      return { name, count };
    },
    guard(ctx: Ctx<State>) {
      return ctx.fail("not_authorized", "only the night shift may call guard");
    },
  },
  prices: { echo: 2 },
});
