import type { Envelope, EventPage, JsonValue } from "@ecology/kernel";
import { describe, expectTypeOf, it } from "vitest";
import { defineContract } from "./contract.js";
import type { Ctx } from "./ctx.js";
import { type EscrowListing, genesis } from "./genesis.js";
import { type ContractRef, contractRef } from "./refs.js";
import { withOptions, withValue } from "./with-value.js";

type PoolState = { members: { [id: string]: number }; total: number };

const Pool = defineContract({
  init: (): PoolState => ({ members: {}, total: 0 }),
  methods: {
    join(ctx) {
      ctx.state.members[ctx.caller] = ctx.value;
      return { share: ctx.value, total: ctx.state.total };
    },
    distribute(_ctx, earnings: number, memo?: string) {
      void memo;
      return earnings;
    },
    leave(_ctx) {},
  },
  views: { size: (ctx: Ctx<PoolState>) => Object.keys(ctx.state.members).length },
});

declare const ctx: Ctx<{ n: number }>;
const pool = contractRef<typeof Pool>("pool_1");

describe("contractRef", () => {
  it("is a branded id string", () => {
    expectTypeOf(pool).toExtend<string>();
    expectTypeOf(pool).toEqualTypeOf<ContractRef<typeof Pool>>();
  });

  it("accepts a module type whose default export is the definition", () => {
    const fromModule = contractRef<{ default: typeof Pool }>("pool_2");
    expectTypeOf<typeof fromModule>().toEqualTypeOf<typeof pool>();
  });
});

describe("ctx.call", () => {
  it("infers the result type of a method and a view", () => {
    expectTypeOf(ctx.call(pool, "join")).toEqualTypeOf<{ share: number; total: number }>();
    expectTypeOf(ctx.call(pool, "size")).toEqualTypeOf<number>();
  });

  it("turns a void result into null, as it arrives in the envelope", () => {
    expectTypeOf(ctx.call(pool, "leave")).toEqualTypeOf<null>();
  });

  it("accepts withValue as the trailing argument after required and optional parameters", () => {
    expectTypeOf(ctx.call(pool, "join", withValue(50))).toHaveProperty("share");
    expectTypeOf(ctx.call(pool, "distribute", 10, withValue(1))).toEqualTypeOf<number>();
    expectTypeOf(ctx.call(pool, "distribute", 10, "memo", withValue(1))).toEqualTypeOf<number>();
  });

  it("accepts a maxPrice guard through withValue or withOptions", () => {
    expectTypeOf(ctx.call(pool, "join", withValue(50, { maxPrice: 2 }))).toHaveProperty("share");
    expectTypeOf(
      ctx.call(pool, "distribute", 10, withOptions({ maxPrice: 1 })),
    ).toEqualTypeOf<number>();
    // @ts-expect-error maxPrice is a number of scrip
    withOptions({ maxPrice: "5" });
  });

  it("rejects unknown methods, wrong argument types and missing arguments", () => {
    // @ts-expect-error "steal" is not a method of the pool
    ctx.call(pool, "steal");
    // @ts-expect-error earnings must be a number
    ctx.call(pool, "distribute", "ten");
    // @ts-expect-error earnings is required
    ctx.call(pool, "distribute");
    // @ts-expect-error too many arguments
    ctx.call(pool, "leave", 1);
    // @ts-expect-error options must come last
    ctx.call(pool, "distribute", withValue(1), 10);
  });

  it("keeps plain id strings untyped (JsonValue results, any method name)", () => {
    expectTypeOf(
      ctx.call("some_contract", "anything", 1, "a", withValue(2)),
    ).toEqualTypeOf<JsonValue>();
  });
});

describe("ctx.invoke", () => {
  it("returns an envelope of the method's result", () => {
    const env = ctx.invoke(pool, "join", withValue(5));
    expectTypeOf(env).toEqualTypeOf<Envelope<{ share: number; total: number }>>();
    if (env.success) expectTypeOf(env.result.total).toEqualTypeOf<number>();
  });

  it("rejects unknown methods like call does", () => {
    // @ts-expect-error "steal" is not a method of the pool
    ctx.invoke(pool, "steal");
  });
});

describe("genesis refs", () => {
  it("types the ledger, escrow, event log and store methods", () => {
    expectTypeOf(ctx.call(genesis.ledger, "balance", "alice")).toEqualTypeOf<number>();
    expectTypeOf(
      ctx.call(genesis.eventLog, "read", { principal: "alice" }),
    ).toEqualTypeOf<EventPage>();
    expectTypeOf(
      ctx.call(genesis.eventLog, "count", { types: ["escrow.purchased"] }),
    ).toEqualTypeOf<number>();
    expectTypeOf(ctx.call(genesis.escrow, "check", "art")).toHaveProperty("price");
    expectTypeOf(ctx.call(genesis.store, "query", "artifacts", { owner: "bob" })).toEqualTypeOf<
      JsonValue[]
    >();
    expectTypeOf(ctx.call(genesis.escrow, "listActive").listings).toEqualTypeOf<EscrowListing[]>();
  });

  it("rejects wrong genesis calls", () => {
    // @ts-expect-error the escrow has no "steal"
    ctx.call(genesis.escrow, "steal", "art");
    // @ts-expect-error price must be a number
    ctx.call(genesis.escrow, "deposit", "art", "50");
    // @ts-expect-error event types are a closed set plus contract.<name>
    ctx.call(genesis.eventLog, "read", { types: ["made.up"] });
    // @ts-expect-error transfer needs an amount
    ctx.call(genesis.ledger, "transfer", "bob");
  });
});
