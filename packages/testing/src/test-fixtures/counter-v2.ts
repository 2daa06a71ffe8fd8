import { type Ctx, defineContract } from "@ecology/sdk";

/** counter.ts's successor: no deadline, a history of notes. `migrate` reads counter.ts's state. */
type OldState = { count: number; deadline: number };
type State = { count: number; history: string[] };

export default defineContract({
  init: (_ctx, note: string): State => ({ count: 0, history: [note] }),
  migrate: (ctx: Ctx<OldState>, note: string) => {
    if (note === "") ctx.fail("invalid_argument", "say why the counter moved");
    return { count: ctx.state.count, history: [note] };
  },
  methods: {
    increment(ctx: Ctx<State>, by: number) {
      ctx.state.count += by;
      ctx.state.history.push(`+${by}`);
      return ctx.state.count;
    },
  },
  views: { current: (ctx: Ctx<State>) => ctx.state.count },
});
