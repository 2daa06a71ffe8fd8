import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createKernel } from "../create-kernel.js";
import {
  allJournal,
  fingerprint,
  fuzzRuns,
  mustDeploy,
  sharedRuntime,
  testKernel,
} from "../test-fixtures/contracts.js";
import { allEvents, apply, stage, step } from "../test-fixtures/history.js";
import { poolContract } from "../test-fixtures/pool.js";
import { replay } from "./replay.js";
import { Replayer } from "./replayer.js";

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
