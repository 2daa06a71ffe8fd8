import { join } from "node:path";
import { runScenarioFile, type SimulationReport, type Violation } from "@ecology/simulate";
import { beforeAll, describe, expect, it } from "vitest";

const here = import.meta.dirname;
let report: SimulationReport;
const violation = (name: string) =>
  report.violations.find((v) => v.invariant === name) as Violation;

beforeAll(async () => {
  report = await runScenarioFile(join(here, "cooperative.ts"));
}, 240_000);

describe("cooperative service scenario", () => {
  it("refuses every free use: the free-rider gains nothing", () => {
    const tries = report.exploitation.byPersona["free-rider"];
    expect(tries?.attempts).toBeGreaterThan(20);
    expect(tries?.accepted).toBe(0);
    expect(report.profit["free-rider"]?.profit).toBe(0);
  });

  it("shows a sybil voting itself the revenue: the threshold counts members, not stake", () => {
    expect(report.exploitation.byPersona.sybil?.profitable).toBeGreaterThan(0);
    expect(report.profit.sybil?.profit).toBeGreaterThan(0);
    const ce = violation("revenue goes to members in proportion to stake").counterexample;
    expect(ce).toMatchObject({ reproduced: true, minimal: true });
    const sybilOps = ce.operations.slice(ce.setup).filter((o) => o.origin.startsWith("sybil-1."));
    const methods = sybilOps.map((o) => o.params.method);
    expect(methods.filter((m) => m === "join")).toHaveLength(3);
    expect(methods.filter((m) => m === "approve")).toHaveLength(3);
    expect(methods).toContain("propose");
  });

  it("shows a griefer bloating the state, shrunk to the griefer's own proposals", () => {
    const ce = violation("the state stays under 64 KiB").counterexample;
    expect(ce).toMatchObject({ reproduced: true, minimal: true });
    const ops = ce.operations.slice(ce.setup);
    expect(new Set(ops.map((o) => o.origin))).toEqual(new Set(["griefer-1"]));
    expect(ops.filter((o) => o.params.method === "propose").length).toBeGreaterThan(10);
    expect(report.exploitation.byPersona.griefer?.profitable).toBe(0);
  });
});
