import { type Ctx, defineContract } from "@ecology/sdk";

type State = { count: number; log: string[]; nested: { deep: { value: number } } };

function helper(n: number): number {
  return n * 2;
}

/** Views that (wrongly) write state, at known lines, behind some unrelated code. */
export default defineContract({
  init: (): State => ({ count: 0, log: [], nested: { deep: { value: 1 } } }),
  methods: {
    bump(ctx: Ctx<State>) {
      ctx.state.count = helper(ctx.state.count + 1);
      return ctx.state.count;
    },
  },
  views: {
    topLevel(ctx: Ctx<State>) {
      const seen = ctx.state.count;
      ctx.state.count = seen + 1; // line 21: top-level write
      return seen;
    },
    deepWrite(ctx: Ctx<State>) {
      const deep = ctx.state.nested.deep;
      deep.value = 5; // line 26: nested write
      return deep.value;
    },
    push(ctx: Ctx<State>) {
      ctx.state.log.push("x"); // line 30: array mutation
      return ctx.state.log.length;
    },
    remove(ctx: Ctx<State>) {
      delete (ctx.state as Partial<State>).log; // line 34: delete
      return 0;
    },
    reads(ctx: Ctx<State>) {
      return { count: ctx.state.count, log: ctx.state.log, deep: ctx.state.nested.deep.value };
    },
  },
});
