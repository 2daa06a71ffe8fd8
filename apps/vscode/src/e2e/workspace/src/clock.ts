import { type Ctx, defineContract } from "@ecology/sdk";

type State = { stamps: number[] };

/**
 * The end-to-end test's rule-breaking contract: `Date.now()` is not deterministic, so the
 * language server flags it (`non-determinism`) and offers the quick fix "Use ctx.now".
 */
export default defineContract({
  init: (): State => ({ stamps: [] }),
  methods: {
    stamp: (ctx: Ctx<State>) => {
      const at = Date.now();
      ctx.state.stamps.push(at);
      ctx.emit("stamped", { at });
      return at;
    },
  },
  views: {
    stamps: (ctx: Ctx<State>) => ctx.state.stamps,
  },
});
