import { describe, expectTypeOf, it } from "vitest";
import { defineContract } from "../contract.js";
import type { Ctx } from "../ctx.js";
import { contractRef } from "../refs.js";
import { withValue } from "../with-value.js";
import { createPool, joinPool, type PoolState, withdrawFromPool } from "./pool.js";
import {
  type AgreedAction,
  approveProposal,
  createThreshold,
  type ThresholdState,
} from "./threshold.js";

type State = { pool: PoolState; t: ThresholdState };

const Coop = defineContract({
  init: (): State => ({ pool: createPool(), t: createThreshold([], 2) }),
  methods: {
    join: (ctx: Ctx<State>) => joinPool(ctx, ctx.state.pool),
    withdraw: (ctx: Ctx<State>) => withdrawFromPool(ctx, ctx.state.pool),
    approve: (ctx: Ctx<State>, id: number) => approveProposal(ctx, ctx.state.t, id),
  },
});

describe("patterns wired into a contract", () => {
  it("carry their result types through typed refs", () => {
    const ctx = {} as Ctx<null>;
    const coop = contractRef<typeof Coop>("coop");
    expectTypeOf(ctx.call(coop, "join", withValue(10)).contribution).toEqualTypeOf<number>();
    expectTypeOf(ctx.call(coop, "withdraw").amount).toEqualTypeOf<number>();
    const approved = ctx.call(coop, "approve", 1);
    if (approved.status === "pending") expectTypeOf(approved.required).toEqualTypeOf<number>();
    // @ts-expect-error withdraw takes no member argument: a member only withdraws their own share
    ctx.call(coop, "withdraw", "alice");
  });

  it("accept only the known kinds of agreed action", () => {
    expectTypeOf<{ kind: "transfer"; to: string; amount: number }>().toExtend<AgreedAction>();
    // @ts-expect-error "burn" is not an agreed action
    const bad: AgreedAction = { kind: "burn", amount: 5 };
    void bad;
  });
});
