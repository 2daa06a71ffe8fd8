import { describe, expectTypeOf, it } from "vitest";
import { defineContract } from "./contract.js";
import type { Ctx } from "./ctx.js";
import { contractRef } from "./refs.js";

type Old = { n: number };
type Counter = { count: number; history: string[] };

// `migrate` sees the state the previous code left (OldState, from its ctx annotation) and must
// return the new State, which init and the methods decide.
describe("migrate", () => {
  it("types ctx.state as the old state and its return as the new state", () => {
    defineContract({
      init: (): Counter => ({ count: 0, history: [] }),
      migrate: (ctx: Ctx<Old>, label: string) => {
        expectTypeOf(ctx.state).toEqualTypeOf<Old>();
        return { count: ctx.state.n, history: [label] };
      },
      methods: {
        increment(ctx) {
          expectTypeOf(ctx.state).toEqualTypeOf<Counter>();
          ctx.state.count += 1;
        },
      },
    });
  });

  it("leaves State to init when init's ctx is unannotated", () => {
    defineContract({
      init: (_ctx, start: number) => ({ count: start, history: [] as string[] }),
      migrate: (ctx: Ctx<Old>) => ({ count: ctx.state.n, history: [] }),
      methods: { read: (ctx) => expectTypeOf(ctx.state).toEqualTypeOf<Counter>() },
      views: { count: (ctx) => ctx.state.count },
    });
  });

  it("leaves State to init when migrate comes first", () => {
    defineContract({
      migrate: (ctx: Ctx<Old>) => ({ count: ctx.state.n, history: [] }),
      init: (_ctx, start: number) => ({ count: start, history: [] as string[] }),
      methods: { read: (ctx) => expectTypeOf(ctx.state).toEqualTypeOf<Counter>() },
      views: { count: (ctx) => ctx.state.count },
    });
  });

  it("works as a method declaration", () => {
    defineContract({
      init: (): Counter => ({ count: 0, history: [] }),
      migrate(ctx: Ctx<Old>) {
        return { count: ctx.state.n * 2, history: ["doubled"] };
      },
      methods: { read: (ctx) => ctx.state.history },
    });
  });

  it("refuses a return that does not fit the new state", () => {
    defineContract({
      init: (): Counter => ({ count: 0, history: [] }),
      // @ts-expect-error the old shape is not the new state
      migrate: (ctx: Ctx<Old>) => ({ n: ctx.state.n }),
      methods: {},
    });
  });

  it("refuses reading a field the old state does not have", () => {
    defineContract({
      init: (): Counter => ({ count: 0, history: [] }),
      // @ts-expect-error `count` is the new state's field, not the old one's
      migrate: (ctx: Ctx<Old>) => ({ count: ctx.state.count, history: [] }),
      methods: {},
    });
  });

  it("gives an unannotated ctx an unknown old state, so it must be declared before use", () => {
    defineContract({
      init: (): Counter => ({ count: 0, history: [] }),
      migrate: (ctx) => {
        expectTypeOf(ctx.state).toBeUnknown();
        return { count: 0, history: [] };
      },
      methods: {},
    });
  });

  it("is not callable through a ref (only an upgrade runs it)", () => {
    const def = defineContract({
      init: (): Counter => ({ count: 0, history: [] }),
      migrate: (ctx: Ctx<Old>) => ({ count: ctx.state.n, history: [] }),
      methods: { increment: (ctx) => ++ctx.state.count },
    });
    const ref = contractRef<typeof def>("counter");
    const caller = {} as Ctx<null>;
    expectTypeOf(caller.call(ref, "increment")).toEqualTypeOf<number>();
    // @ts-expect-error migrate is not a method
    caller.call(ref, "migrate");
  });

  it("keeps a misspelt section an error", () => {
    defineContract({
      init: (): Counter => ({ count: 0, history: [] }),
      // @ts-expect-error `migrates` is not a section
      migrates: (ctx: Ctx<Old>) => ({ count: ctx.state.n, history: [] }),
      methods: {},
    });
  });
});
