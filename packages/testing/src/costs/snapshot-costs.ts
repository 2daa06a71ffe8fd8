import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { TestingError } from "../testing-error.js";
import type { CostReport } from "./cost-report.js";

/** One method's entry in a checked-in cost file: worst-case compute and price per call. */
export interface CostEntry {
  compute: number;
  scrip: number;
}

/** Options of {@link snapshotCosts}. */
export interface SnapshotCostsOptions {
  /** Allowed relative change before check mode fails: 0.05 = 5 % (default 0.1). */
  tolerance?: number;
  /**
   * Check instead of write: fail when a cost moved beyond the tolerance, or a method was added
   * or removed. Default: true when the environment has `CI=true` (or `CI=1`).
   */
  check?: boolean;
}

/** A method whose cost moved, was added or disappeared. */
export interface CostChange {
  method: string;
  kind: "changed" | "added" | "removed";
  before?: CostEntry;
  after?: CostEntry;
  /** Largest relative change of compute or scrip (changed entries only). */
  relative?: number;
}

/** What {@link snapshotCosts} did. */
export interface CostSnapshotResult {
  mode: "write" | "check";
  /** Every change against the previous file, within tolerance or not. */
  changes: CostChange[];
  /** Changes beyond the tolerance (in check mode, these made it throw). */
  violations: CostChange[];
}

function relativeChange(before: number, after: number): number {
  if (before === after) return 0;
  return Math.abs(after - before) / Math.max(Math.abs(before), 1);
}

function readCostFile(file: string): { [method: string]: CostEntry } {
  if (!existsSync(file)) return {};
  return JSON.parse(readFileSync(file, "utf8")) as { [method: string]: CostEntry };
}

function diff(
  before: { [m: string]: CostEntry },
  after: { [m: string]: CostEntry },
  tolerance: number,
): { changes: CostChange[]; violations: CostChange[] } {
  const changes: CostChange[] = [];
  const violations: CostChange[] = [];
  for (const method of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    const b = before[method];
    const a = after[method];
    if (!b || !a) {
      const change: CostChange = b
        ? { method, kind: "removed", before: b }
        : { method, kind: "added", after: a as CostEntry };
      changes.push(change);
      violations.push(change);
      continue;
    }
    const relative = Math.max(
      relativeChange(b.compute, a.compute),
      relativeChange(b.scrip, a.scrip),
    );
    if (relative === 0) continue;
    const change: CostChange = { method, kind: "changed", before: b, after: a, relative };
    changes.push(change);
    if (relative > tolerance) violations.push(change);
  }
  return { changes, violations };
}

function changeLine(c: CostChange): string {
  if (c.kind === "added")
    return `  + ${c.method}: not in the snapshot (compute ${c.after?.compute})`;
  if (c.kind === "removed") return `  - ${c.method}: in the snapshot but no longer called`;
  const pct = ((c.relative ?? 0) * 100).toFixed(1);
  return `  ~ ${c.method}: compute ${c.before?.compute} → ${c.after?.compute}, scrip ${c.before?.scrip} → ${c.after?.scrip} (${pct} %)`;
}

/**
 * Keeps a checked-in JSON file of per-method costs (`{ "pool.join": { compute, scrip } }`, the
 * worst case seen per call). In write mode it (re)writes the file and reports what moved; in
 * check mode (CI) it leaves the file alone and throws when a cost moved beyond `tolerance`.
 *
 * @throws {TestingError} `cost_changed` in check mode, listing every method beyond tolerance,
 * added or removed, and saying how to update the file.
 * @example
 * ```ts
 * snapshotCosts("costs.json", k.costs(), { tolerance: 0.05 });
 * ```
 */
export function snapshotCosts(
  file: string,
  costs: CostReport,
  options: SnapshotCostsOptions = {},
): CostSnapshotResult {
  const tolerance = options.tolerance ?? 0.1;
  const check = options.check ?? (process.env.CI === "true" || process.env.CI === "1");
  const after: { [method: string]: CostEntry } = {};
  for (const method of Object.keys(costs).sort()) {
    const c = costs[method];
    if (c) after[method] = { compute: c.compute.max, scrip: c.scrip.max };
  }
  const { changes, violations } = diff(readCostFile(file), after, tolerance);
  if (check) {
    if (violations.length > 0)
      throw new TestingError(
        "cost_changed",
        `costs in ${file} changed beyond ${tolerance * 100} %:\n${violations.map(changeLine).join("\n")}\n` +
          "If intended, run the tests without CI=true to rewrite the file and commit it.",
        { violations },
      );
    return { mode: "check", changes, violations };
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(after, null, 2)}\n`);
  return { mode: "write", changes, violations };
}
