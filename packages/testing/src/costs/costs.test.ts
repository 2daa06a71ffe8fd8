import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import "../vitest.js";
import { COUNTER_TS, FAIR_POOL_TS } from "../test-fixtures/paths.js";
import { createTestKernel } from "../test-kernel.js";
import { snapshotCosts } from "./snapshot-costs.js";

const COSTS_FILE = fileURLToPath(new URL("../test-fixtures/costs.json", import.meta.url));

describe("cost reports", () => {
  it("match the checked-in cost file (rewritten locally, checked in CI)", async () => {
    const k = await createTestKernel();
    const { alice, bob } = k.principals({ alice: 100, bob: 100 });
    await k.deploy(COUNTER_TS, { owner: alice, args: [60_000], id: "counter" });
    await k.deploy(FAIR_POOL_TS, { owner: alice, id: "pool" });
    expect(bob.invoke("counter", "increment", [1])).toSucceed();
    expect(bob.invoke("counter", "current")).toSucceed();
    expect(bob.invoke("pool", "join", [], { value: 10 })).toSucceed();
    expect(alice.invoke("pool", "distribute", [], { value: 3 })).toSucceed();
    expect(bob.invoke("pool", "withdraw")).toSucceed();
    const costs = k.costs();
    expect(Object.keys(costs)).toEqual([
      "counter.current",
      "counter.increment",
      "fair-pool.distribute",
      "fair-pool.join",
      "fair-pool.withdraw",
    ]);
    expect(costs["counter.increment"]?.scrip.max).toBe(2);
    // Locally this rewrites the file (commit it); with CI=true it throws if a cost moved > 20 %.
    const result = snapshotCosts(COSTS_FILE, costs, { tolerance: 0.2 });
    expect(result.mode === "check" ? result.violations : []).toEqual([]);
    k.close();
  });

  it("gives the same compute units for the same calls on a fresh kernel", async () => {
    const units = async () => {
      const k = await createTestKernel();
      const alice = k.principal("alice", { scrip: 10 });
      await k.deploy(COUNTER_TS, { owner: alice, args: [60_000], id: "counter" });
      alice.invoke("counter", "increment", [1]);
      const c = k.costs()["counter.increment"]?.compute.max;
      k.close();
      return c;
    };
    expect(await units()).toBe(await units());
  });
});
