import { createTestKernel, type PrincipalHandle, type TestKernel } from "@ecology/testing";
import "@ecology/testing/vitest";
import { beforeEach, describe, expect, it } from "vitest";

// The guide docs/guides/changing-a-deployed-contract.md, run: a history on version 1, replayed
// with version 2, then the upgrade with its migration. Every call goes through the test kit,
// which checks conservation and pool backing after each one.
let k: TestKernel;
let alice: PrincipalHandle;
let bob: PrincipalHandle;
let customer: PrincipalHandle;

beforeEach(async () => {
  k = await createTestKernel();
  ({ alice, bob, customer } = k.principals({ alice: 100, bob: 100, customer: 100 }));
  await k.deploy("./src/pool.ts", { owner: alice, id: "pool", policy: { upgradable: true } });
  expect(alice.invoke("pool", "join", [], { value: 20 })).toSucceed();
  expect(bob.invoke("pool", "join", [], { value: 10 })).toSucceed();
  // Revenue 9 splits 6 / 3 under either rule; revenue 10 is 6.67 / 3.33: version 1 gives the
  // unit left over to alice (largest remainder), version 2 keeps it in the pool.
  for (const revenue of [9, 10]) {
    expect(customer.invoke("genesis_ledger", "transfer", ["pool", revenue])).toSucceed();
    expect(alice.invoke("pool", "distribute")).toSucceed();
  }
});

describe("pool version 2 against version 1's history", () => {
  it("replays identically with the code that ran", async () => {
    expect((await k.replay()).identical).toBe(true);
  });

  it("pays differently exactly at the distribution it rounds differently", async () => {
    const report = await k.replay({ with: { pool: "./src/pool-v2.ts" } });
    const distributions = k
      .journal()
      .filter((r) => r.op === "invoke" && r.params.method === "distribute")
      .map((r) => r.seq);
    const paying = report.divergences.filter((d) => d.aspects.includes("scrip"));
    expect(paying.map((d) => [d.seq, d.aspects])).toEqual([
      [distributions[1], ["result", "scrip", "state", "events"]],
    ]);
    expect(paying[0]?.original.scrip).toEqual([
      { from: "pool", to: "alice", amount: 7 },
      { from: "pool", to: "bob", amount: 3 },
    ]);
    expect(paying[0]?.replayed.scrip).toEqual([
      { from: "pool", to: "alice", amount: 6 },
      { from: "pool", to: "bob", amount: 3 },
    ]);
    // Every other transaction that wrote the pool's state differs only in state: version 2's
    // state has a `distributions` field (the deploy, both joins, the first distribution).
    const rest = report.divergences.filter((d) => !d.aspects.includes("scrip"));
    expect(rest.map((d) => d.aspects)).toEqual([["state"], ["state"], ["state"], ["state"]]);
    expect(report.final.map((f) => [f.kind, f.id])).toEqual([
      ["balance", "alice"],
      ["balance", "pool"],
      ["state", "pool"],
    ]);
  });

  it("upgrades with the migration, then distributes by the new rule", async () => {
    expect(await k.upgrade(bob, "pool", "./src/pool-v2.ts", [2])).toFailWith("not_authorized");
    expect(await k.upgrade(alice, "pool", "./src/pool-v2.ts", [2])).toSucceed();
    expect(k.state("pool")).toMatchObject({ distributions: 2 });
    expect(customer.invoke("genesis_ledger", "transfer", ["pool", 10])).toSucceed();
    expect(alice.invoke("pool", "distribute")).toSucceed();
    expect(k.balance("pool")).toBe(31); // contributions 30 + the unit rounded down
    expect(k.state("pool")).toMatchObject({ distributions: 3 });
  });

  it("cannot be upgraded again once upgradability is switched off", async () => {
    expect(k.kernel.setPolicy("alice", "pool", { upgradable: false })).toSucceed();
    expect(await k.upgrade(alice, "pool", "./src/pool-v2.ts", [2])).toFailWith("not_authorized");
    expect(k.kernel.setPolicy("alice", "pool", { upgradable: true })).toFailWith("not_authorized");
  });
});
