import { type Ctx, defineContract } from "@ecology/sdk";

type State = { hits: number };

/**
 * One link of a call chain for the trace tests: `forward` counts a hit, pays the caller a tip
 * and calls `next.forward`, catching its failure; `explode` counts a hit and then throws.
 */
export default defineContract({
  init: (): State => ({ hits: 0 }),
  methods: {
    forward(ctx: Ctx<State>, next: string, tip: number) {
      ctx.state.hits += 1;
      if (tip > 0) ctx.transfer(ctx.origin, tip);
      const env = ctx.invoke(next, "explode");
      return env.success ? "next succeeded" : `caught ${env.error.code}`;
    },
    explode(ctx: Ctx<State>) {
      ctx.state.hits += 1;
      throw new Error("the second link broke");
    },
  },
});
