import { describe, expect, it } from "vitest";
import "./vitest.js";
import { conservation, poolBacking, singleOwnership } from "./invariants.js";
import { BROKEN_POOL_TS, FAIR_POOL_TS } from "./test-fixtures/paths.js";
import { createTestKernel } from "./test-kernel.js";
import { TestingError } from "./testing-error.js";

describe("built-in invariants", () => {
  it("hold through ordinary trading, escrow custody included", async () => {
    const k = await createTestKernel();
    const { alice, bob } = k.principals({ alice: 50, bob: 50 });
    expect(alice.write("doc", { v: 1 })).toSucceed();
    expect(alice.invoke("genesis_escrow", "deposit", ["doc", 10])).toSucceed();
    for (const inv of [conservation, singleOwnership, poolBacking])
      expect(inv.check(k)).toBeUndefined();
    expect(bob.invoke("genesis_escrow", "purchase", ["doc"])).toSucceed();
    expect(k.kernel.getArtifact("doc")?.owner).toBe("bob");
    k.checkInvariants();
    k.close();
  });

  it("name the invariant and the transaction that broke it", async () => {
    const k = await createTestKernel();
    const { alice, bob } = k.principals({ alice: 50, bob: 50 });
    await k.deploy(BROKEN_POOL_TS, { owner: alice, id: "pool" });
    expect(alice.invoke("pool", "join", [], { value: 1 })).toSucceed();
    expect(bob.invoke("pool", "join", [], { value: 1 })).toSucceed();
    let error: unknown;
    try {
      alice.invoke("pool", "distribute", [], { value: 1 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TestingError);
    expect((error as TestingError).code).toBe("invariant_broken");
    expect((error as TestingError).message).toBe(
      "invariant pool backing: pool holds 1 scrip but owes its members 2 (state.pool)\n" +
        '  broken by transaction #6: alice.invoke("pool", "distribute", [], { value: 1 })',
    );
    k.close();
  });

  it("accept the fair pool doing the same calls", async () => {
    const k = await createTestKernel();
    const { alice, bob } = k.principals({ alice: 50, bob: 50 });
    await k.deploy(FAIR_POOL_TS, { owner: alice, id: "pool" });
    alice.invoke("pool", "join", [], { value: 1 });
    bob.invoke("pool", "join", [], { value: 1 });
    expect(alice.invoke("pool", "distribute", [], { value: 1 })).toSucceed();
    expect(k.balance("pool")).toBe(3);
    k.close();
  });

  it("run user invariants after every transaction and can be switched off", async () => {
    const capped = await createTestKernel({
      invariants: [
        {
          name: "alice stays rich",
          check: (k) => (k.balance("alice") < 40 ? `alice has ${k.balance("alice")}` : undefined),
        },
      ],
    });
    const alice = capped.principal("alice", { scrip: 50 });
    capped.principal("bob");
    expect(() => alice.transfer("bob", 20)).toThrow(
      /invariant alice stays rich: alice has 30\n\s+broken by transaction #3: alice\.invoke\("genesis_ledger", "transfer", \["bob",20\]\)/,
    );
    capped.close();

    const unchecked = await createTestKernel({ builtInInvariants: false });
    const carol = unchecked.principal("carol", { scrip: 5 });
    await unchecked.deploy(BROKEN_POOL_TS, { owner: carol, id: "pool" });
    unchecked.principal("dave", { scrip: 5 }).invoke("pool", "join", [], { value: 1 });
    carol.invoke("pool", "join", [], { value: 1 });
    expect(carol.invoke("pool", "distribute", [], { value: 1 })).toSucceed();
    expect(poolBacking.check(unchecked)).toMatch(/pool holds 1 scrip but owes its members 2/);
    expect(() => unchecked.checkInvariants()).not.toThrow();
    unchecked.close();
  });
});
