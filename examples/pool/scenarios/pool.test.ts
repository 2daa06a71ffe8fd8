import { join } from "node:path";
import {
  proportionalPayouts,
  replayOperations,
  runScenarioFile,
  type SimulationReport,
  type Violation,
  worldViewOf,
} from "@ecology/simulate";
import { beforeAll, describe, expect, it } from "vitest";

const here = import.meta.dirname;
let a: SimulationReport;
let b: SimulationReport;
let broken: Violation;

// One A/B run for the whole file: the real pool (A) against the per-head pool (B), same
// population, seed and rounds. Every operation runs on a real kernel with the compiled contracts.
beforeAll(async () => {
  a = await runScenarioFile(join(here, "pool.ts"), { compare: join(here, "broken-pool.ts") });
  b = a.compare?.report as SimulationReport;
  broken = b.violations.find((v) => v.invariant === "payouts follow contributions") as Violation;
}, 240_000);

describe("pool scenario (A: the example's proportional pool)", () => {
  it("pays free-riders and sybils nothing they did not stake for, and breaks no invariant", () => {
    expect(a.violations).toEqual([]);
    expect(a.profit["free-rider"]?.profit).toBe(0);
    expect(a.profit.sybil?.profit).toBe(0);
    for (const group of ["free-rider", "sybil"]) {
      const tries = a.exploitation.byPersona[group];
      expect(tries?.attempts, group).toBeGreaterThan(20);
      expect(tries?.profitable, group).toBe(0);
    }
  });

  it("passes every customer payment to the honest stakers, and conserves scrip", () => {
    expect(a.profit.honest?.profit).toBe(-(a.profit.customer?.profit ?? 0));
    expect(a.profit.honest?.profit).toBeGreaterThan(0);
    expect(a.welfare).toBe(a.welfareInitial);
    expect(a.kernel.logVerified).toBe(true);
  });
});

describe("broken pool scenario (B: pays revenue per member)", () => {
  it("shows the exploitation: free-riders and sybils profit, honest stakers lose", () => {
    expect(b.exploitation.byPersona["free-rider"]?.profitable).toBeGreaterThan(0);
    expect(b.exploitation.byPersona.sybil?.profitable).toBeGreaterThan(0);
    expect(b.exploitation.rate).toBeGreaterThan(a.exploitation.rate);
    expect(a.compare?.delta.profit["free-rider"]).toBeGreaterThan(0);
    expect(a.compare?.delta.profit.sybil).toBeGreaterThan(0);
    expect(a.compare?.delta.profit.honest).toBeLessThan(0);
  });

  it("breaks 'payouts follow contributions', shrunk to stake, stake 1, pay, distribute", () => {
    const ce = broken.counterexample;
    expect(ce).toMatchObject({ reproduced: true, minimal: true, actions: 4 });
    const steps = ce.operations.slice(ce.setup).map((o) => [o.params.method, o.params.value]);
    expect(steps.map(([method]) => method)).toEqual(["join", "join", "transfer", "distribute"]);
    // One real stake and one of 1 scrip, whose owner takes an equal share of the payment.
    expect(steps.slice(0, 2).map(([, value]) => value === 1)).toContain(true);
    expect(steps.slice(0, 2).map(([, value]) => Number(value) > 1)).toContain(true);
    expect(ce.message).toMatch(
      /was paid \d+ of a \d+-scrip payout by pool with 1 of \d+ scrip staked/,
    );
  });

  it("reproduces the counterexample on a fresh kernel, and only with all four operations", async () => {
    const ce = broken.counterexample;
    const check = proportionalPayouts({ contract: "pool" });
    const full = await replayOperations(ce.operations, { baseDir: here, code: ce.code });
    expect(full.envelopes.every((e) => e.success)).toBe(true);
    expect(check.check(worldViewOf(full.kernel))).toBe(ce.message);
    full.kernel.close();
    const short = await replayOperations(ce.operations.slice(0, -1), {
      baseDir: here,
      code: ce.code,
    });
    expect(check.check(worldViewOf(short.kernel))).toBeUndefined();
    short.kernel.close();
  });
});
