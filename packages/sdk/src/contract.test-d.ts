import type { JsonValue } from "@ecology/kernel";
import { describe, expectTypeOf, it } from "vitest";
import { defineContract } from "./contract.js";
import type { ContextBase, Ctx } from "./ctx.js";
import { contractRef } from "./refs.js";
import { withValue } from "./with-value.js";

type State = { required: number; approvals: string[]; executed: boolean };

describe("defineContract", () => {
  it("infers State from init and types every unannotated ctx with it", () => {
    defineContract({
      init: (_ctx, required: number): State => ({ required, approvals: [], executed: false }),
      methods: {
        approve(ctx) {
          expectTypeOf(ctx).toEqualTypeOf<Ctx<State>>();
          expectTypeOf(ctx.state.approvals).toEqualTypeOf<string[]>();
        },
      },
      views: {
        status: (ctx) => expectTypeOf(ctx.state.executed).toEqualTypeOf<boolean>(),
      },
    });
  });

  it("accepts methods annotated with Ctx<State> and no init (DESIGN §4.1 style)", () => {
    const def = defineContract({
      methods: { approve: (ctx: Ctx<State>) => ctx.state.approvals.length },
      views: { status: (ctx: Ctx<State>) => ctx.state },
      prices: { approve: 0 },
    });
    expectTypeOf(def.methods.approve).returns.toEqualTypeOf<number>();
  });

  it("keeps literal prices and reentrant in the definition type", () => {
    const def = defineContract({
      methods: { use: () => 1, premium: () => 2 },
      prices: { use: 1, premium: 10 },
      reentrant: true,
    });
    expectTypeOf(def.prices).toEqualTypeOf<{ readonly use: 1; readonly premium: 10 } | undefined>();
    const noViews = contractRef<typeof def>("d");
    const ctx = {} as Ctx<null>;
    // @ts-expect-error a definition without views accepts no other names
    ctx.call(noViews, "other");
    expectTypeOf(def.reentrant).toEqualTypeOf<true | undefined>();
  });

  it("gives init a context without state", () => {
    defineContract({
      init: (ctx) => {
        expectTypeOf(ctx).toEqualTypeOf<ContextBase>();
        // @ts-expect-error there is no state before init returns it
        void ctx.state;
        return { n: 1 };
      },
      methods: {},
    });
  });

  it("refuses a method that treats state as the wrong type", () => {
    defineContract({
      init: (): State => ({ required: 1, approvals: [], executed: false }),
      methods: {
        // @ts-expect-error approvals is a string[], not a number
        bad: (ctx) => ctx.state.approvals.toFixed(),
      },
    });
  });
});

describe("Ctx", () => {
  it("exposes DESIGN §2.3 members with their types", () => {
    const ctx = {} as Ctx<{ n: number }>;
    expectTypeOf(ctx.self).toEqualTypeOf<string>();
    expectTypeOf(ctx.value).toEqualTypeOf<number>();
    expectTypeOf(ctx.balance()).toEqualTypeOf<number>();
    expectTypeOf(ctx.random()).toEqualTypeOf<number>();
    expectTypeOf(ctx.fail).returns.toEqualTypeOf<never>();
    expectTypeOf(ctx.read("x")).toEqualTypeOf<JsonValue>();
    expectTypeOf(ctx.events({ limit: 10 }).next).toEqualTypeOf<number | null>();
    // @ts-expect-error error codes are a closed set
    ctx.fail("boom", "no such code");
    // @ts-expect-error limit codes belong to the kernel; a contract cannot claim them
    ctx.fail("out_of_compute", "forged");
    // @ts-expect-error self is read-only
    ctx.self = "other";
    // @ts-expect-error emit data must be a JSON object
    ctx.emit("paid", 5);
    expectTypeOf(withValue(3).value).toEqualTypeOf<number>();
  });
});
