import { describe, expect, it } from "vitest";
import "./vitest.js";
import { COUNTER_TS } from "./test-fixtures/paths.js";
import { createTestKernel } from "./test-kernel.js";
import { TestingError } from "./testing-error.js";

describe("createTestKernel", () => {
  it("creates funded principals whose handles invoke as them", async () => {
    const k = await createTestKernel();
    const alice = k.principal("alice", { scrip: 100 });
    const counter = await k.deploy(COUNTER_TS, { owner: alice, args: [1000], id: "counter" });
    const bob = k.principal("bob", { scrip: 10 });
    const r = bob.invoke(counter, "increment", [3]);
    expect(r.success && r.result).toBe(3);
    expect(bob.balance()).toBe(8);
    expect(alice.balance()).toBe(102);
    expect(k.state<{ count: number }>(counter)?.count).toBe(3);
    expect(k.principal("bob")).toBe(bob);
    k.close();
  });

  it("passes maxPrice through a handle's invoke and refuses a higher price with conflict", async () => {
    const k = await createTestKernel();
    const alice = k.principal("alice", { scrip: 100 });
    const counter = await k.deploy(COUNTER_TS, { owner: alice, args: [1000], id: "counter" });
    const bob = k.principal("bob", { scrip: 10 });
    const refused = bob.invoke(counter, "increment", [3], { maxPrice: 1 });
    expect(refused).toFailWith("conflict");
    expect(bob.balance()).toBe(10);
    expect(bob.invoke(counter, "increment", [3], { maxPrice: 2 })).toSucceed();
    expect(bob.balance()).toBe(8);
    k.close();
  });

  it("resolves contract paths from the package root and compiles each file once", async () => {
    const k = await createTestKernel();
    const alice = k.principal("alice", { scrip: 1 });
    const a = await alice.deploy("./src/test-fixtures/counter.ts", { args: [1], id: "a" });
    const b = await alice.deploy(new URL("./test-fixtures/counter.ts", import.meta.url), {
      args: [1],
      id: "b",
    });
    expect(a.success && b.success).toBe(true);
    expect(k.kernel.getArtifact("a")?.code).toEqual(k.kernel.getArtifact("b")?.code);
    k.close();
  });

  it("throws compile_failed with file:line for a contract that does not compile", async () => {
    const k = await createTestKernel();
    const alice = k.principal("alice");
    const err = await k
      .deploy("./src/test-fixtures/type-error.ts", { owner: alice })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TestingError);
    expect((err as TestingError).code).toBe("compile_failed");
    expect((err as TestingError).message).toMatch(/type-error\.ts:\d+:\d+/);
    k.close();
  });

  it("throws deploy_failed when the kernel refuses the deploy", async () => {
    const k = await createTestKernel();
    const alice = k.principal("alice");
    await k.deploy(COUNTER_TS, { owner: alice, args: [1], id: "c" });
    await expect(k.deploy(COUNTER_TS, { owner: alice, args: [1], id: "c" })).rejects.toThrow(
      /deploy failed with conflict/,
    );
    k.close();
  });

  it("drives ctx.now only through the manual clock", async () => {
    const k = await createTestKernel({ startTime: 1_000 });
    const alice = k.principal("alice", { scrip: 10 });
    await k.deploy(COUNTER_TS, { owner: alice, args: [60_000], id: "c" });
    expect(alice.invoke("c", "increment", [1]).success).toBe(true);
    k.clock.advance(60_001);
    expect(k.clock.now).toBe(61_001);
    const late = alice.invoke("c", "increment", [1]);
    expect(late.success ? "ok" : late.error.code).toBe("invalid_state");
    expect(() => k.clock.set(0)).toThrow(/cannot go back/);
    k.close();
  });

  it("filters events by type, contract shorthand and principal across pages", async () => {
    const k = await createTestKernel();
    const alice = k.principal("alice", { scrip: 10 });
    k.principal("bob", { scrip: 10 });
    await k.deploy(COUNTER_TS, { owner: alice, args: [1000], id: "c" });
    alice.invoke("c", "increment", [1]);
    alice.invoke("c", "increment", [2]);
    expect(k.events({ type: "contract.incremented" }).map((e) => e.data.by)).toEqual([1, 2]);
    expect(k.events({ type: "principal.created", principal: "bob" })).toHaveLength(1);
    expect(k.events({ limit: 2 })).toHaveLength(2);
    k.close();
  });

  it("records compute units and price per method", async () => {
    const k = await createTestKernel();
    const alice = k.principal("alice", { scrip: 10 });
    await k.deploy(COUNTER_TS, { owner: alice, args: [1000], id: "c" });
    const bob = k.principal("bob", { scrip: 10 });
    bob.invoke("c", "increment", [1]);
    bob.invoke("c", "increment", [2]);
    bob.invoke("c", "current");
    const costs = k.costs();
    expect(Object.keys(costs)).toEqual(["counter.current", "counter.increment"]);
    expect(costs["counter.increment"]?.calls).toBe(2);
    expect(costs["counter.increment"]?.scrip).toEqual({ min: 2, max: 2 });
    expect(costs["counter.increment"]?.compute.min).toBeGreaterThan(0);
    k.resetCosts();
    expect(k.costs()).toEqual({});
    k.close();
  });
});
