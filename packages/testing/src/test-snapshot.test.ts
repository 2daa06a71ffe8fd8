import type { Artifact, JsonValue } from "@ecology/kernel";
import { describe, expect, it } from "vitest";
import "./vitest.js";
import { COUNTER_TS, FAIR_POOL_TS } from "./test-fixtures/paths.js";
import { createTestKernel, type TestKernel } from "./test-kernel.js";
import { TestingError } from "./testing-error.js";

/** Everything snapshot/restore promises to bring back, read through the public API. */
function worldView(k: TestKernel) {
  const page = k.kernel.query("artifacts", { limit: 1000 });
  const ids = page.success ? (page.result as { id: string }[]).map((a) => a.id) : [];
  const listings = k.kernel.query("listings", { limit: 1000 });
  return {
    now: k.clock.now,
    transactions: k.transactions,
    balances: k.balances(),
    minted: k.kernel.totalMinted(),
    artifacts: ids.map((id) => k.kernel.getArtifact(id) as Artifact),
    listings: listings.success ? listings.result : null,
    events: k.events(),
    principals: k.kernel.query("principals", { limit: 1000 }),
  };
}

async function economy(): Promise<TestKernel> {
  const k = await createTestKernel();
  const { alice, bob } = k.principals({ alice: 500, bob: 300 });
  await k.deploy(COUNTER_TS, { owner: alice, args: [60_000], id: "counter" });
  await k.deploy(FAIR_POOL_TS, { owner: bob, id: "pool" });
  expect(bob.invoke("counter", "increment", [4])).toSucceed();
  expect(alice.invoke("pool", "join", [], { value: 40 })).toSucceed();
  expect(
    alice.write("doc", { title: "report" } as JsonValue, { policy: { readPrice: 3 } }),
  ).toSucceed();
  expect(alice.write("listed", { n: 1 })).toSucceed();
  expect(alice.invoke("genesis_escrow", "deposit", ["listed", 25])).toSucceed();
  k.clock.advance(1_000);
  return k;
}

describe("snapshot / restore", () => {
  it("brings back balances, ownership, state, listings, the event log and the clock exactly", async () => {
    const k = await economy();
    const before = worldView(k);
    const snap = k.snapshot();

    const { alice, bob } = { alice: k.principal("alice"), bob: k.principal("bob") };
    k.clock.advance(120_000);
    expect(bob.invoke("genesis_escrow", "purchase", ["listed"])).toSucceed();
    expect(bob.read("doc")).toSucceed();
    expect(alice.invoke("pool", "withdraw")).toSucceed();
    expect(bob.invoke("counter", "increment", [1])).toFailWith("invalid_state");
    k.principal("carol", { scrip: 7 });
    await k.deploy(COUNTER_TS, { owner: alice, args: [1], id: "later" });
    expect(worldView(k)).not.toEqual(before);

    k.restore(snap);
    expect(worldView(k)).toEqual(before);
    expect(k.kernel.verifyLog()).toMatchObject({ ok: true });
    expect(k.kernel.getArtifact("listed")?.owner).toBe("genesis_escrow");
    k.close();
  });

  it("restores the same snapshot many times and keeps working after each", async () => {
    const k = await economy();
    const snap = k.snapshot();
    const bob = k.principal("bob");
    for (let i = 0; i < 3; i++) {
      k.restore(snap);
      const r = bob.invoke("counter", "increment", [2]);
      expect(r.success && r.result).toBe(6);
      expect(k.state<{ count: number }>("counter")?.count).toBe(6);
    }
    k.close();
  });

  it("restores into another test kernel, as a shared fixture", async () => {
    const source = await economy();
    const snap = source.snapshot();
    const before = worldView(source);
    source.close();
    const k = await createTestKernel();
    k.restore(snap);
    expect(worldView(k)).toEqual(before);
    expect(k.principal("bob").invoke("counter", "increment", [1])).toSucceed();
    expect(k.costs()["counter.increment"]?.calls).toBe(1);
    k.close();
  });

  it("refuses a value that is not a snapshot", async () => {
    const k = await createTestKernel();
    expect(() => k.restore({} as never)).toThrow(TestingError);
    k.close();
  });
});
