import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { contract, mustDeploy, testKernel } from "./test-fixtures/contracts.js";

/** One frame of a random call tree, run by the FUZZ contract and simulated below. */
interface Plan {
  emit: boolean;
  read: boolean;
  pay: number;
  throws: boolean;
  next: Plan | null;
  mode: "catch" | "call";
  after: boolean;
}

const FUZZ = contract(
  `module.exports = { default: { methods: {
    step(ctx, plan) {
      if (plan.emit) ctx.emit("step", { n: 1 });
      if (plan.read) ctx.events({ types: ["contract.step"], limit: 5 });
      if (plan.pay > 0) ctx.transfer(ctx.origin, plan.pay);
      if (plan.throws) throw new Error("planned");
      if (plan.next) {
        if (plan.mode === "catch") ctx.invoke(ctx.self, "step", plan.next);
        else ctx.call(ctx.self, "step", plan.next);
      }
      if (plan.after) ctx.emit("step", { n: 2 });
      return true;
    },
  } } };`,
  { methods: { step: 1 }, reentrant: true },
);

const planArb: fc.Arbitrary<Plan> = fc.letrec<{ plan: Plan }>((tie) => ({
  plan: fc.record({
    emit: fc.boolean(),
    read: fc.boolean(),
    pay: fc.integer({ min: 0, max: 3 }),
    throws: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
    next: fc.option(tie("plan"), { depthSize: "small", maxDepth: 4 }),
    mode: fc.constantFrom("catch" as const, "call" as const),
    after: fc.boolean(),
  }),
})).plan;

/** What survives of a plan: whether it succeeds, and the events and payments it leaves. */
function simulate(p: Plan): { ok: boolean; emits: number; paid: number } {
  let emits = p.emit ? 1 : 0;
  let paid = p.pay;
  if (p.throws) return { ok: false, emits: 0, paid: 0 };
  if (p.next) {
    const r = simulate(p.next);
    if (!r.ok && p.mode === "call") return { ok: false, emits: 0, paid: 0 };
    if (r.ok) {
      emits += r.emits;
      paid += r.paid;
    }
  }
  if (p.after) emits += 1;
  return { ok: true, emits, paid };
}

describe("nested calls under random plans", () => {
  it("keep exactly the effects of frames that succeeded, with a valid log and conservation", async () => {
    const k = await testKernel();
    k.createPrincipal("p", { scrip: 0 });
    mustDeploy(k, "p", "fuzz", FUZZ);
    k.mint("fuzz", 1_000_000);
    await fc.assert(
      fc.asyncProperty(planArb, async (plan) => {
        const seqBefore = (k.verifyLog() as { count: number }).count;
        const balance = k.balance("p");
        const expected = simulate(plan);
        const env = k.invoke("p", "fuzz", "step", [plan as never]);
        expect(env.success).toBe(expected.ok);
        const steps = k.events({ types: ["contract.step"], limit: 1000, after: seqBefore });
        expect(steps.success && steps.result.events.length).toBe(expected.ok ? expected.emits : 0);
        expect(k.balance("p") - balance).toBe(expected.ok ? expected.paid : 0);
        expect(k.verifyLog()).toMatchObject({ ok: true });
        k.checkInvariants();
      }),
      { numRuns: 150 },
    );
  });
});
