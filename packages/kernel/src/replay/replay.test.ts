import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createKernel } from "../create-kernel.js";
import type { Kernel } from "../kernel.js";
import {
  allJournal,
  COUNTER,
  contract,
  fingerprint,
  fuzzRuns,
  LINK,
  mustDeploy,
  sharedRuntime,
  THIEF,
  testKernel,
} from "../test-fixtures/contracts.js";
import { poolContract } from "../test-fixtures/pool.js";
import type { JsonValue, KernelEvent } from "../types.js";
import { replay } from "./replay.js";
import { Replayer } from "./replayer.js";

const P = ["p0", "p1", "p2", "p3"];
const D = ["d0", "d1", "d2"];
const who = fc.constantFrom(...P);
const doc = fc.constantFrom(...D);
const small = fc.integer({ min: 0, max: 40 });

const COUNTER_V2 = contract(
  `module.exports = { default: {
    migrate(ctx, k) { return { count: ctx.state.count * k }; },
    methods: { inc(ctx, by) { ctx.state.count += 2 * by; return ctx.state.count; } },
  } };`,
  { methods: { inc: 1 }, migrate: 1 },
);

/** One step of a random history, applied by {@link apply}. */
const step = fc.oneof(
  fc.tuple(fc.constant("principal"), who, small),
  fc.tuple(fc.constant("mint"), who, small),
  fc.tuple(fc.constant("write"), who, doc, fc.jsonValue({ maxDepth: 2 }), fc.boolean()),
  fc.tuple(fc.constant("read"), who, doc),
  fc.tuple(fc.constant("policy"), who, doc, small),
  fc.tuple(fc.constant("give"), who, doc, who),
  fc.tuple(fc.constant("delete"), who, doc),
  fc.tuple(fc.constant("inc"), who, fc.constantFrom("inc", "fail", "crash"), small),
  fc.tuple(fc.constant("chain"), who, fc.boolean(), fc.boolean(), small),
  fc.tuple(fc.constant("deposit"), who, doc, small),
  fc.tuple(fc.constant("purchase"), who, doc),
  fc.tuple(fc.constant("cancel"), who, doc),
  fc.tuple(fc.constant("join"), who, small),
  fc.tuple(fc.constant("distribute"), who, small),
  fc.tuple(fc.constant("upgrade"), who, fc.integer({ min: 1, max: 3 })),
  fc.tuple(fc.constant("random"), who),
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

function apply(k: Kernel, s: Step): void {
  const [kind, p] = s;
  switch (s[0]) {
    case "principal":
      k.createPrincipal(p, { scrip: s[2] });
      return;
    case "mint":
      k.mint(p, s[2]);
      return;
    case "write":
      k.write(p, s[2], s[3] as JsonValue, s[4] ? { policy: { allowRead: [p] } } : {});
      return;
    case "read":
      k.read(p, s[2]);
      return;
    case "policy":
      k.setPolicy(p, s[2], { readPrice: s[3] });
      return;
    case "give":
      k.transferOwnership(p, s[2], s[3]);
      return;
    case "delete":
      k.delete(p, s[2]);
      return;
    case "inc":
      k.invoke(p, "counter", s[2], s[2] === "fail" ? ["invalid_state", "no"] : [s[3]]);
      return;
    case "chain": {
      const inner = { throw: s[3], pay: s[4] > 0 ? { to: p, amount: 1 } : undefined };
      const plan = { mode: s[2] ? "catch" : "call", next: { target: "b", plan: inner } };
      k.invoke(p, "a", "run", [plan as unknown as JsonValue]);
      return;
    }
    case "deposit":
      k.invoke(p, "genesis_escrow", "deposit", [s[2], s[3]]);
      return;
    case "purchase":
      k.invoke(p, "genesis_escrow", "purchase", [s[2]]);
      return;
    case "cancel":
      k.invoke(p, "genesis_escrow", "cancel", [s[2]]);
      return;
    case "join":
      k.invoke(p, "pool", "join", [], { value: s[2] });
      return;
    case "distribute":
      k.invoke(p, "pool", "distribute", [s[2]]);
      return;
    case "upgrade":
      k.upgrade(p, "counter", { code: COUNTER_V2, args: [s[2]] });
      return;
    case "random":
      k.invoke(p, "rnd", "rnd", []);
      return;
    default:
      throw new Error(`unknown step ${kind}`);
  }
}

/** A kernel whose clock moves 1 ms per read, with the fixed cast of every history. */
async function stage(): Promise<Kernel> {
  let now = 1_700_000_000_000;
  const k = await testKernel({ clock: () => now++ });
  k.createPrincipal("p0", { scrip: 500 });
  k.createPrincipal("p1", { scrip: 100 });
  mustDeploy(k, "p0", "counter", COUNTER, [1], { upgradable: true });
  mustDeploy(k, "p0", "a", LINK);
  mustDeploy(k, "p0", "b", LINK);
  mustDeploy(k, "p0", "pool", poolContract("floor"));
  mustDeploy(k, "p0", "rnd", THIEF);
  return k;
}

function allEvents(k: Kernel): KernelEvent[] {
  const out: KernelEvent[] = [];
  for (let after = 0; ; ) {
    const env = k.events({ after, limit: 1000 });
    if (!env.success) throw new Error(env.error.message);
    out.push(...env.result.events);
    if (env.result.next === null) return out;
    after = env.result.next;
  }
}

describe("replay", () => {
  it("rebuilds any history exactly: state, balances, events, journal and both hash chains", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 40 }), async (steps) => {
        const k = await stage();
        const r = await Replayer.open(createKernel, {}, await sharedRuntime());
        try {
          for (const s of steps) apply(k, s);
          const records = allJournal(k);
          for (const record of records) expect(r.run(record).hash).toBe(record.hash);
          expect(fingerprint(r.kernel)).toBe(fingerprint(k));
          expect(allEvents(r.kernel)).toEqual(allEvents(k));
          expect(allJournal(r.kernel)).toEqual(records);
          expect(r.kernel.verifyLog()).toEqual(k.verifyLog());
          r.kernel.checkInvariants();
          const report = await replay(records, { runtime: await sharedRuntime() });
          expect(report).toMatchObject({ success: true, result: { identical: true } });
        } finally {
          k.close();
          r.close();
        }
      }),
      { numRuns: fuzzRuns(25) },
    );
  }, 300_000);

  it("reports exactly the transactions whose payouts changed when distribute rounds differently", async () => {
    const k = await testKernel();
    k.createPrincipal("owner", { scrip: 0 });
    for (const p of ["ann", "ben", "cat"]) k.createPrincipal(p, { scrip: 100 });
    mustDeploy(k, "owner", "pool", poolContract("floor"));
    k.invoke("ann", "pool", "join", [], { value: 10 });
    k.invoke("ben", "pool", "join", [], { value: 10 });
    k.invoke("cat", "pool", "join", [], { value: 10 });
    const even = k.invoke("owner", "pool", "distribute", [9]); // 3/3/3: the same either way
    const uneven = k.invoke("owner", "pool", "distribute", [10]); // floor 3/3/3, remainder 4/3/3
    expect(even.success && uneven.success).toBe(true);
    const records = allJournal(k);
    const env = await replay(records, {
      code: { pool: poolContract("largest-remainder") },
      runtime: await sharedRuntime(),
    });
    if (!env.success) throw new Error(env.error.message);
    const report = env.result;
    expect(report.identical).toBe(false);
    expect(report.determinism).toEqual([]);
    const changed = records.at(-1);
    expect(report.divergences.map((d) => d.seq)).toEqual([changed?.seq]);
    const d = report.divergences[0];
    expect(d).toMatchObject({ op: "invoke", call: "pool.distribute", origin: "owner" });
    expect(d?.aspects).toEqual(["result", "scrip", "events"]);
    expect(d?.original.result).toEqual([3, 3, 3]);
    expect(d?.replayed.result).toEqual([4, 3, 3]);
    expect(d?.replayed.scrip).toContainEqual({ from: "pool", to: "ann", amount: 4 });
    expect(report.counts).toMatchObject({ outcome: 0, result: 1, scrip: 1, state: 0 });
    expect(report.final).toEqual([
      { kind: "balance", id: "ann", original: 96, replayed: 97 },
      { kind: "balance", id: "pool", original: 12, replayed: 11 },
    ]);
    k.close();
  });

  it("refuses a journal that is not one unbroken chain, with the record that breaks it", async () => {
    const k = await stage();
    const records = allJournal(k);
    k.close();
    const tampered = records.map((r) => structuredClone(r));
    const victim = tampered[0];
    if (victim) victim.params.scrip = 1_000_000;
    expect(await replay(tampered)).toMatchObject({
      success: false,
      error: { code: "invalid_argument", details: { seq: 1 } },
    });
    expect(await replay(records.slice(1))).toMatchObject({
      success: false,
      error: { code: "invalid_argument" },
    });
    expect(await replay(records, { from: 0 })).toMatchObject({
      success: false,
      error: { code: "invalid_argument" },
    });
  });

  it("re-executes records before `from` but reports only from there, and stops at `to`", async () => {
    const k = await stage();
    k.invoke("p1", "pool", "join", [], { value: 3 });
    k.invoke("p0", "pool", "join", [], { value: 4 });
    k.invoke("p0", "pool", "distribute", [5]);
    k.invoke("p0", "pool", "distribute", [5]);
    const records = allJournal(k);
    k.close();
    const n = records.length;
    const code = { pool: poolContract("largest-remainder") };
    const runtime = await sharedRuntime();
    const all = await replay(records, { code, runtime });
    const late = await replay(records, { code, runtime, from: n });
    const early = await replay(records, { code, runtime, to: n - 1 });
    if (!all.success || !late.success || !early.success) throw new Error("replay refused");
    expect(all.result.divergences.map((d) => d.seq)).toEqual([n - 1, n]);
    expect(late.result.divergences.map((d) => d.seq)).toEqual([n]);
    expect(early.result.divergences.map((d) => d.seq)).toEqual([n - 1]);
    expect(early.result.replayed).toBe(n - 1);
  });
});
