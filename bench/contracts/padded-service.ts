import { type Ctx, defineContract } from "@ecology/sdk";
import { createUsage, recordUse, type UsageState } from "@ecology/sdk/patterns";

type Entry = { id: string; value: number };
type State = { usage: UsageState; entries: Entry[] };

/**
 * The pay-per-use `summary` shape with a state of a chosen size: `entries` pads the state (each
 * entry about 30 bytes of JSON) so the growth benchmark can see how an invoke's cost follows
 * the size of the state it loads and stores.
 */
export default defineContract({
  init: (_ctx, entryCount: number): State => ({
    usage: createUsage(),
    entries: Array.from({ length: entryCount }, (_, i) => ({ id: `entry-${i}`, value: i })),
  }),
  methods: {
    use(ctx: Ctx<State>) {
      return recordUse(ctx, ctx.state.usage, "use");
    },
  },
});
