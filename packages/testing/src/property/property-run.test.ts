import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PrincipalHandle } from "../principal-handle.js";
import { BROKEN_POOL_TS, FAIR_POOL_TS } from "../test-fixtures/paths.js";
import type { TestKernel } from "../test-kernel.js";
import { assertProperty, propertyRun } from "./property-run.js";
import { action } from "./steps.js";

const principals = { alice: 100, bob: 100, carol: 100 };
const poolActions = [
  action("pool", "join", { value: fc.integer({ min: 1, max: 20 }) }),
  action("pool", "withdraw"),
  action("pool", "distribute", { value: fc.integer({ min: 0, max: 20 }) }),
];

function deployFrom(file: URL) {
  return async function deployPool(k: TestKernel, p: { [id: string]: PrincipalHandle }) {
    await k.deploy(file, { owner: p.alice as PrincipalHandle, id: "pool" });
  };
}

describe("propertyRun", () => {
  it("passes when no sequence breaks an invariant", async () => {
    const report = await propertyRun({
      principals,
      setup: deployFrom(FAIR_POOL_TS),
      actions: poolActions,
      numRuns: 40,
      seed: 7,
    });
    expect(report).toEqual({ ok: true, runs: 40, seed: 7 });
  });

  it("catches a pool that creates its remainder from nothing, shrunk to at most 3 calls", async () => {
    const report = await propertyRun({
      principals,
      setup: deployFrom(BROKEN_POOL_TS),
      actions: poolActions,
      numRuns: 200,
      seed: 42,
    });
    if (report.ok) throw new Error("the broken pool was not caught");
    expect(report.steps.length).toBeLessThanOrEqual(3);
    expect(report.failure).toMatch(/^pool backing: pool holds \d+ scrip but owes its members \d+/);
    expect(report.code).toContain("await deployPool(k, { alice, bob, carol });");
    expect(report.code).toMatch(
      /\.invoke\("pool", "distribute", \[\], \{ value: \d+ \}\); \/\/ breaks pool backing/,
    );
  });

  it("prints a sequence that fails the same way when pasted", async () => {
    const report = await propertyRun({
      principals,
      setup: deployFrom(BROKEN_POOL_TS),
      actions: poolActions,
      numRuns: 200,
      seed: 42,
    });
    if (report.ok) throw new Error("the broken pool was not caught");
    const { createTestKernel } = await import("../test-kernel.js");
    const deployPool = deployFrom(BROKEN_POOL_TS);
    const body = report.code.split("\n").slice(1, -1).join("\n");
    const run = new Function(
      "createTestKernel",
      "deployPool",
      `return (async () => {\n${body}\n})();`,
    );
    await expect(run(createTestKernel, deployPool)).rejects.toThrow(/pool backing/);
  });

  it("checks user invariants and reports the seed to replay", async () => {
    const report = await propertyRun({
      principals: { alice: 10 },
      setup: deployFrom(FAIR_POOL_TS),
      actions: [action("pool", "join", { value: fc.integer({ min: 1, max: 5 }) })],
      invariants: [
        { name: "small pool", check: (k) => (k.balance("pool") > 6 ? "pool too big" : undefined) },
      ],
      seed: 3,
    });
    expect(report.ok).toBe(false);
    if (report.ok) return;
    expect(report.seed).toBe(3);
    expect(report.failure).toMatch(/^small pool: pool too big/);
    expect(report.code).toContain(
      'const k = await createTestKernel({ invariants /* "small pool", as given to propertyRun */ });',
    );
    const total = report.steps.reduce((s, step) => s + (step.value ?? 0), 0);
    expect(total).toBe(7);
  });

  it("assertProperty throws property_failed with the pasteable test", async () => {
    await expect(
      assertProperty({
        principals,
        setup: deployFrom(BROKEN_POOL_TS),
        actions: poolActions,
        numRuns: 200,
        seed: 42,
      }),
    ).rejects.toThrow(/Shrunk to [1-3] call\(s\):\n\nit\("keeps its invariants/);
  });
});
