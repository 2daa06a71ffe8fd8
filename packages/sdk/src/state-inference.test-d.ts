import { describe, expectTypeOf, it } from "vitest";
import { defineContract } from "./contract.js";
import type { ContextBase, Ctx } from "./ctx.js";
import { contractRef } from "./refs.js";

type Goal = { goal: number; raised: number };

// Each shape of `init` an author writes must give every method and view `Ctx<State>` with
// State read from init's return: an unannotated `ctx` must never see `unknown`.
describe("State inferred from init, whatever its parameters", () => {
  it("init with no parameters", () => {
    defineContract({
      init: () => ({ goal: 5, raised: 0 }),
      methods: {
        give(ctx) {
          expectTypeOf(ctx.state).toEqualTypeOf<Goal>();
          ctx.state.raised += ctx.value;
        },
      },
      views: { progress: (ctx) => ctx.state.raised / ctx.state.goal },
    });
  });

  it("init with only an unannotated ctx", () => {
    defineContract({
      init: (ctx) => ({ goal: ctx.value, raised: 0 }),
      methods: { give: (ctx) => expectTypeOf(ctx.state).toEqualTypeOf<Goal>() },
    });
  });

  it("init with an unannotated _ctx and typed deploy arguments (the SDK's own example)", () => {
    const def = defineContract({
      init: (_ctx, goal: number) => ({ goal, raised: 0 }),
      methods: {
        give(ctx) {
          expectTypeOf(ctx.state).toEqualTypeOf<Goal>();
          ctx.state.raised += ctx.value;
          return ctx.state.raised;
        },
      },
      views: {
        progress: (ctx) => {
          expectTypeOf(ctx.state).toEqualTypeOf<Goal>();
          return ctx.state.raised / ctx.state.goal;
        },
      },
      prices: { give: 0 },
    });
    const ref = contractRef<typeof def>("crowdfund");
    const caller = {} as Ctx<null>;
    expectTypeOf(caller.call(ref, "give")).toEqualTypeOf<number>();
    expectTypeOf(caller.call(ref, "progress")).toEqualTypeOf<number>();
    // @ts-expect-error give takes no arguments
    caller.call(ref, "give", 1);
  });

  it("init with an annotated ctx", () => {
    defineContract({
      init: (ctx: ContextBase, goal: number) => ({ goal, raised: ctx.value }),
      methods: { give: (ctx) => expectTypeOf(ctx.state).toEqualTypeOf<Goal>() },
      views: { progress: (ctx) => expectTypeOf(ctx.state).toEqualTypeOf<Goal>() },
    });
  });

  it("init with an explicit return type", () => {
    defineContract({
      init: (_ctx, goal: number): Goal => ({ goal, raised: 0 }),
      methods: { give: (ctx) => expectTypeOf(ctx.state).toEqualTypeOf<Goal>() },
    });
  });

  it("methods with and without a ctx annotation side by side", () => {
    const def = defineContract({
      init: (_ctx, goal: number) => ({ goal, raised: 0 }),
      methods: {
        plain(ctx) {
          expectTypeOf(ctx.state).toEqualTypeOf<Goal>();
          return ctx.state.goal;
        },
        annotated: (ctx: Ctx<Goal>, by: number) => {
          ctx.state.raised += by;
          return ctx.state.raised > ctx.state.goal;
        },
        // @ts-expect-error state is a Goal: it has no approvals
        wrong: (ctx) => ctx.state.approvals,
      },
    });
    const ref = contractRef<typeof def>("c");
    const caller = {} as Ctx<null>;
    expectTypeOf(caller.call(ref, "plain")).toEqualTypeOf<number>();
    expectTypeOf(caller.call(ref, "annotated", 3)).toEqualTypeOf<boolean>();
    // @ts-expect-error annotated takes a number
    caller.call(ref, "annotated", "3");
  });

  it("DESIGN §4.1: an unannotated init ctx, an explicit State and annotated methods", () => {
    type State = { required: number; approvals: string[]; executed: boolean };
    const def = defineContract({
      init: (ctx, required: number): State => {
        expectTypeOf(ctx).toEqualTypeOf<ContextBase>();
        return { required, approvals: [], executed: false };
      },
      methods: {
        approve(ctx: Ctx<State>) {
          ctx.state.approvals.push(ctx.caller);
        },
      },
      views: { status: (ctx: Ctx<State>) => ctx.state },
      prices: { approve: 0 },
    });
    expectTypeOf(def.prices).toEqualTypeOf<{ readonly approve: 0 } | undefined>();
    const caller = {} as Ctx<null>;
    expectTypeOf(caller.call(contractRef<typeof def>("t"), "status")).toEqualTypeOf<State>();
  });

  it("still refuses wrong prices and a misspelt section", () => {
    defineContract({
      init: (_ctx, goal: number) => ({ goal, raised: 0 }),
      methods: { give: () => 0 },
      // @ts-expect-error a price is a number
      prices: { give: "free" },
    });
    defineContract({
      init: (_ctx, goal: number) => ({ goal, raised: 0 }),
      methods: {},
      // @ts-expect-error reentrant is a boolean
      reentrant: "yes",
    });
    defineContract({
      init: (_ctx, goal: number) => ({ goal, raised: 0 }),
      methods: { give: (ctx) => ctx.state.raised },
      prices: { give: 1 },
      // @ts-expect-error a misspelt section is an error, not silently ignored
      reentrnt: true,
    });
  });
});
