import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { TestingError } from "../testing-error.js";
import type { CostReport } from "./cost-report.js";
import { snapshotCosts } from "./snapshot-costs.js";

function report(compute: number, scrip = 1): CostReport {
  return {
    "pool.join": {
      calls: 2,
      compute: { min: compute - 10, max: compute, mean: compute - 5 },
      scrip: { min: scrip, max: scrip },
    },
  };
}

function tempFile(): string {
  return join(mkdtempSync(join(tmpdir(), "ecology-costs-")), "costs.json");
}

const ci = process.env.CI;
afterEach(() => {
  if (ci === undefined) delete process.env.CI;
  else process.env.CI = ci;
});

describe("snapshotCosts", () => {
  it("writes worst-case compute and price per method, keys sorted", () => {
    const file = tempFile();
    const costs: CostReport = {
      ...report(900),
      "a.view": { calls: 1, compute: { min: 5, max: 5, mean: 5 }, scrip: { min: 0, max: 0 } },
    };
    const r = snapshotCosts(file, costs, { check: false });
    expect(r.mode).toBe("write");
    expect(readFileSync(file, "utf8")).toBe(
      `${JSON.stringify({ "a.view": { compute: 5, scrip: 0 }, "pool.join": { compute: 900, scrip: 1 } }, null, 2)}\n`,
    );
  });

  it("passes in check mode when costs moved within the tolerance", () => {
    const file = tempFile();
    snapshotCosts(file, report(1000), { check: false });
    const r = snapshotCosts(file, report(1040), { check: true, tolerance: 0.05 });
    expect(r.violations).toEqual([]);
    expect(r.changes).toMatchObject([{ method: "pool.join", kind: "changed", relative: 0.04 }]);
    expect(JSON.parse(readFileSync(file, "utf8"))["pool.join"].compute).toBe(1000);
  });

  it("fails in check mode when a cost moved beyond the tolerance, naming the method", () => {
    const file = tempFile();
    snapshotCosts(file, report(1000), { check: false });
    let error: unknown;
    try {
      snapshotCosts(file, report(1200), { check: true, tolerance: 0.1 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TestingError);
    expect((error as TestingError).code).toBe("cost_changed");
    expect((error as TestingError).message).toContain(
      "pool.join: compute 1000 → 1200, scrip 1 → 1 (20.0 %)",
    );
  });

  it("fails in check mode when the price changed or a method appeared or disappeared", () => {
    const file = tempFile();
    snapshotCosts(file, report(1000, 1), { check: false });
    expect(() => snapshotCosts(file, report(1000, 2), { check: true })).toThrow(/scrip 1 → 2/);
    expect(() => snapshotCosts(file, {}, { check: true })).toThrow(
      /- pool\.join: in the snapshot but no longer called/,
    );
    writeFileSync(file, "{}\n");
    expect(() => snapshotCosts(file, report(1000), { check: true })).toThrow(
      /\+ pool\.join: not in the snapshot/,
    );
  });

  it("checks instead of writing when CI=true", () => {
    const file = tempFile();
    snapshotCosts(file, report(1000), { check: false });
    process.env.CI = "true";
    expect(() => snapshotCosts(file, report(5000))).toThrow(TestingError);
    delete process.env.CI;
    expect(snapshotCosts(file, report(5000)).mode).toBe("write");
  });
});
