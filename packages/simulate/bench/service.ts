import { type Ctx, defineContract } from "@ecology/sdk";

type State = { served: number };

/** A pay-per-use service: each `use` costs 1 scrip (paid to the owner) and counts one answer. */
export default defineContract({
  init: (): State => ({ served: 0 }),
  methods: {
    use(ctx: Ctx<State>, request: string) {
      ctx.state.served += 1;
      ctx.emit("served", { by: ctx.caller, request });
      return ctx.state.served;
    },
  },
  views: { served: (ctx: Ctx<State>) => ctx.state.served },
  prices: { use: 1 },
});
