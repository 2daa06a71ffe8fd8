import { type Ctx, defineContract } from "@ecology/sdk";

type State = { count: number };

/** A counter: the smallest contract with a method, a view and an event. */
export default defineContract({
  init: (): State => ({ count: 0 }),
  methods: {
    add: (ctx: Ctx<State>, by: number) => {
      ctx.state.count += by;
      ctx.emit("added", { by });
      return ctx.state.count;
    },
  },
  views: {
    count: (ctx: Ctx<State>) => ctx.state.count,
  },
});
