import { type Ctx, defineContract } from "@ecology/sdk";

type State = { calls: number; index: string[] };

/** A pay-per-use search service: `search` costs 5 scrip, `stats` is a free view. */
export default defineContract({
  init: (_ctx, index: string[]): State => ({ calls: 0, index }),
  methods: {
    search(ctx: Ctx<State>, query: string) {
      ctx.state.calls += 1;
      return { query, hits: ctx.state.index.filter((entry) => entry.includes(query)) };
    },
  },
  views: { stats: (ctx: Ctx<State>) => ({ calls: ctx.state.calls }) },
  prices: { search: 5 },
});
