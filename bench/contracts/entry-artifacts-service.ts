import { type Ctx, defineContract, type Integer } from "@ecology/sdk";
import { createUsage, recordUse, type UsageState } from "@ecology/sdk/patterns";

type State = { usage: UsageState; entries: number };

/** The id of entry `i`'s data artifact (ids under the contract's own id, by convention). */
const entryId = (self: string, i: number) => `${self}.entry-${i}`;

/**
 * `padded-service.ts`'s entries kept out of the state: each entry is its own data artifact,
 * written by the contract, and a call reads only the entry it needs. The growth benchmark sets
 * it beside the padded contract to show what keeping bulk data out of `ctx.state` saves.
 */
export default defineContract({
  init: (): State => ({ usage: createUsage(), entries: 0 }),
  methods: {
    /** Writes entries `[from, to)` as data artifacts; returns the entry count. */
    fill(ctx: Ctx<State>, from: Integer, to: Integer) {
      for (let i = from; i < to; i++)
        ctx.write(entryId(ctx.self, i), { id: `entry-${i}`, value: i });
      ctx.state.entries = Math.max(ctx.state.entries, to);
      return ctx.state.entries;
    },
    /** `padded-service.ts`'s `use`, plus a read of one entry. */
    use(ctx: Ctx<State>) {
      ctx.read(entryId(ctx.self, ctx.state.usage.total % ctx.state.entries));
      return recordUse(ctx, ctx.state.usage, "use");
    },
  },
});
