import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  renderHtml,
  replayOperations,
  reportJson,
  runScenarioFile,
  SimulateError,
  type SimulationReport,
  worldViewOf,
} from "./index.js";
import leaky from "./test-fixtures/leaky-vault-scenario.js";

const fixtures = join(import.meta.dirname, "test-fixtures");
const vault = join(fixtures, "vault-scenario.ts");
const leakyVault = join(fixtures, "leaky-vault-scenario.ts");
let ab: SimulationReport;
const b = () => ab.compare?.report as SimulationReport;

beforeAll(async () => {
  ab = await runScenarioFile(vault, { compare: leakyVault });
}, 120_000);

describe("runScenarioFile", () => {
  it("gives byte-identical JSON and HTML for the same seed, and another report for another seed", async () => {
    const again = await runScenarioFile(vault, { compare: leakyVault });
    expect(reportJson(again)).toBe(reportJson(ab));
    expect(renderHtml(again)).toBe(renderHtml(ab));
    const other = await runScenarioFile(vault, { seed: 8 });
    expect(other.seed).toBe(8);
    expect(reportJson(other)).not.toBe(reportJson({ ...ab, compare: undefined }));
  });

  it("reports the fields DESIGN.md §14 names, with the scenario's seed and rounds", () => {
    expect(ab).toMatchObject({
      format: "ecology.simulation/1",
      scenario: "vault",
      seed: 7,
      rounds: 12,
    });
    for (const key of ["welfare", "gini", "profit", "exploitation", "violations"])
      expect(ab).toHaveProperty(key);
    expect(ab.profit.saver?.byRound).toHaveLength(12);
    expect(ab.metrics[0]?.byRound).toHaveLength(12);
    expect(ab.kernel.logVerified).toBe(true);
    // Scrip is conserved: the savers' wealth only moves into the vault and back.
    expect(ab.welfareInitial).toBe(200);
    expect(ab.violations).toEqual([]);
  });

  it("overrides rounds from the options", async () => {
    const short = await runScenarioFile(vault, { rounds: 3 });
    expect(short.rounds).toBe(3);
    expect(short.welfareByRound).toHaveLength(3);
  });

  it("catches the leaky vault in the A/B with a 1-minimal counterexample", () => {
    const b = ab.compare?.report as SimulationReport;
    expect(ab.compare?.scenario).toBe("leaky vault");
    expect(b.violations.map((v) => v.invariant)).toEqual(["vault holds what it owes"]);
    const ce = b.violations[0]?.counterexample;
    expect(ce).toMatchObject({ reproduced: true, minimal: true, actions: 3 });
    // Two deposits and the withdrawal that takes twice its own.
    const methods = ce?.operations.slice(ce.setup).map((o) => o.params.method);
    expect(methods?.sort()).toEqual(["deposit", "deposit", "withdraw"]);
    expect(b.exploitation.profitable).toBeGreaterThan(0);
    expect(ab.compare?.delta.violations).toBe(1);
  });

  it("reproduces the counterexample on a fresh kernel, where dropping any operation repairs it", async () => {
    const ce = b().violations[0]?.counterexample;
    if (!ce) throw new Error("no counterexample");
    const invariant = leaky.invariants?.[0];
    const check = async (ops: typeof ce.operations) => {
      const { kernel } = await replayOperations(ops, { baseDir: fixtures, code: ce.code });
      const message = invariant?.check(worldViewOf(kernel));
      kernel.close();
      return message;
    };
    expect(await check(ce.operations)).toBe(ce.message);
    for (let i = ce.setup; i < ce.operations.length; i += 1)
      expect(await check(ce.operations.filter((_, j) => j !== i))).toBe(true);
  });

  it("refuses to replay a counterexample whose contract changed", async () => {
    const ce = b().violations[0]?.counterexample;
    const code = { "./leaky-vault.ts": "not-the-hash" };
    await expect(
      replayOperations(ce?.operations ?? [], { baseDir: fixtures, code }),
    ).rejects.toMatchObject({
      code: "setup_failed",
      message: expect.stringMatching(/changed since the report/),
    });
  });

  it("refuses an A/B of two populations before running either", async () => {
    const started: string[] = [];
    const run = runScenarioFile(vault, {
      compare: join(fixtures, "other-population-scenario.ts"),
      onProgress: (_r, _n, name) => started.push(name),
    });
    await expect(run).rejects.toBeInstanceOf(SimulateError);
    await expect(run).rejects.toMatchObject({
      code: "not_comparable",
      message: expect.stringMatching(/saver ×4.*saver ×5/),
    });
    expect(started).toEqual([]);
  });
});
