import { type Ctx, defineContract } from "@ecology/sdk";

/** The second version: a count with a history of notes. Its migrate reads counter-v1's state. */
type OldState = { n: number };
type State = { count: number; history: string[] };

export default defineContract({
  init: (_ctx, note: string) => ({ count: 0, history: [note] }),
  migrate: (ctx: Ctx<OldState>, note: string, bonus?: number) => {
    if (ctx.state.n < 0) ctx.fail("invalid_argument", "a counter never goes below zero");
    return { count: ctx.state.n + (bonus ?? 0), history: [note] };
  },
  methods: {
    increment(ctx: Ctx<State>, note: string) {
      ctx.state.count += 1;
      ctx.state.history.push(note);
      return ctx.state.count;
    },
  },
  views: { history: (ctx: Ctx<State>) => ctx.state.history },
});
