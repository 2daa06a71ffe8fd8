import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Kernel } from "./kernel.js";
import { contract, fuzzRuns, mustDeploy, testKernel } from "./test-fixtures/contracts.js";

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
      var s = ctx.state;
      s.entered = (s.entered || 0) + 1;
      if (plan.emit) ctx.emit("step", { n: 1 });
      if (plan.read) ctx.events({ types: ["contract.step"], limit: 5 });
      if (plan.pay > 0) ctx.transfer(ctx.origin, plan.pay);
      if (plan.throws) throw new Error("planned");
      if (plan.next) {
        if (plan.mode === "catch") ctx.invoke(ctx.self, "step", plan.next);
        else ctx.call(ctx.self, "step", plan.next);
      }
      if (plan.after) ctx.emit("step", { n: 2 });
      s.left = (s.left || 0) + 1;
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

/** What survives of a plan: whether it succeeds, the events and payments, the frames it leaves. */
function simulate(p: Plan): { ok: boolean; emits: number; paid: number; frames: number } {
  const failed = { ok: false, emits: 0, paid: 0, frames: 0 };
  let emits = p.emit ? 1 : 0;
  let paid = p.pay;
  let frames = 1;
  if (p.throws) return failed;
  if (p.next) {
    const r = simulate(p.next);
    if (!r.ok && p.mode === "call") return failed;
    if (r.ok) {
      emits += r.emits;
      paid += r.paid;
      frames += r.frames;
    }
  }
  if (p.after) emits += 1;
  return { ok: true, emits, paid, frames };
}

/** The fuzz contract's counters: frames entered and left that were kept. */
function counters(k: Kernel): { entered: number; left: number } {
  const s = (k.getArtifact("fuzz")?.state ?? {}) as { entered?: number; left?: number };
  return { entered: s.entered ?? 0, left: s.left ?? 0 };
}

describe("nested calls under random plans", () => {
  it("keep exactly the effects (and state) of frames that succeeded, with a valid log and conservation", async () => {
    const k = await testKernel();
    k.createPrincipal("p", { scrip: 0 });
    mustDeploy(k, "p", "fuzz", FUZZ);
    k.mint("fuzz", 1_000_000);
    await fc.assert(
      fc.asyncProperty(planArb, async (plan) => {
        const seqBefore = (k.verifyLog() as { count: number }).count;
        const balance = k.balance("p");
        const before = counters(k);
        const expected = simulate(plan);
        const env = k.invoke("p", "fuzz", "step", [plan as never]);
        expect(env.success).toBe(expected.ok);
        const steps = k.events({ types: ["contract.step"], limit: 1000, after: seqBefore });
        expect(steps.success && steps.result.events.length).toBe(expected.ok ? expected.emits : 0);
        expect(k.balance("p") - balance).toBe(expected.ok ? expected.paid : 0);
        // Every kept frame of the reentrant contract counts, at every depth (ADR 0018).
        const frames = expected.ok ? expected.frames : 0;
        expect(counters(k)).toEqual({
          entered: before.entered + frames,
          left: before.left + frames,
        });
        expect(k.verifyLog()).toMatchObject({ ok: true });
        k.checkInvariants();
      }),
      { numRuns: fuzzRuns(150) },
    );
  });
});

/** A gate burning `n` loop iterations, optionally probing what it guards or reading a priced doc. */
const FUZZ_GATE = contract(
  `module.exports = { default: {
    init: (ctx, n, probe) => ({ n: n, probe: probe }),
    views: {
      check(ctx, caller, action, method) {
        for (var i = 0; i < ctx.state.n; i++) {}
        if (ctx.state.probe === "read") ctx.read(ctx.caller);
        if (ctx.state.probe === "invoke") ctx.call(ctx.caller, "check", caller, action, method);
        if (ctx.state.probe === "priced") ctx.read("priced");
        return true;
      },
    },
    methods: { m: (ctx) => { ctx.state.hits = (ctx.state.hits || 0) + 1; return "ran"; } },
  } };`,
  { views: { check: 3 }, methods: { m: 0 }, init: 2 },
);

const GATES = ["g0", "g1", "g2", "g3"];
const BUDGET = 2_000_000;

interface GateSpec {
  gate: string | null;
  probe: "none" | "read" | "invoke" | "priced";
}

const gateSpecArb: fc.Arbitrary<GateSpec> = fc.record({
  gate: fc.option(fc.constantFrom(...GATES)),
  probe: fc.constantFrom("none" as const, "read" as const, "invoke" as const, "priced" as const),
});

describe("random gate graphs (ADR 0018)", () => {
  it("always answer with a coded envelope, stay within one budget and move no scrip", async () => {
    const k = await testKernel({ limits: { compute: BUDGET, maxDepth: 5 } });
    k.createPrincipal("p", { scrip: 0 });
    k.createPrincipal("bob", { scrip: 100 });
    k.write("p", "priced", { x: 1 }, { policy: { readPrice: 1 } });
    let round = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(gateSpecArb, { minLength: 5, maxLength: 5 }),
        fc.integer({ min: 0, max: 60_000 }),
        fc.constantFrom("invoke" as const, "read" as const),
        async (specs, burn, action) => {
          round += 1;
          const ids = [...GATES, "target"].map((g) => `${g}_${round}`);
          ids.forEach((id, i) => {
            mustDeploy(k, "p", id, FUZZ_GATE, [burn, specs[i]?.probe ?? "none"]);
            k.mint(id, 10);
          });
          ids.forEach((id, i) => {
            const gate = specs[i]?.gate;
            if (gate) k.setPolicy("p", id, { gate: `${gate}_${round}` });
          });
          const target = ids[4] as string;
          const balances = JSON.stringify(k.balances());
          const env = action === "read" ? k.read("bob", target) : k.invoke("bob", target, "m", []);
          if (env.success) expect(env.cost.compute).toBeLessThanOrEqual(BUDGET);
          else expect(env.error.code).not.toBe("internal");
          // Gates and views never pay: only bob → p prices could move, and none are set.
          expect(JSON.stringify(k.balances())).toBe(balances);
          expect(k.verifyLog()).toMatchObject({ ok: true });
          k.checkInvariants();
        },
      ),
      { numRuns: fuzzRuns(40) },
    );
  });
});
