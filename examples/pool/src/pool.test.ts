import {
  action,
  createTestKernel,
  type PrincipalHandle,
  propertyRun,
  type TestKernel,
} from "@ecology/testing";
import "@ecology/testing/vitest";
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";

// Every call below goes through the test kit, which checks after each one that no scrip was
// created or lost (conservation) and that the pool holds what it owes its members (pool backing).
let k: TestKernel;
let alice: PrincipalHandle;
let bob: PrincipalHandle;
let carol: PrincipalHandle;
let dave: PrincipalHandle;

beforeEach(async () => {
  k = await createTestKernel();
  ({ alice, bob, carol, dave } = k.principals({ alice: 100, bob: 100, carol: 100, dave: 50 }));
  await k.deploy("./src/pool.ts", { owner: alice, id: "pool" });
});

function joinAliceAndBob() {
  expect(alice.invoke("pool", "join", [], { value: 50 })).toSucceed();
  expect(bob.invoke("pool", "join", [], { value: 30 })).toSucceed();
}

describe("pool example", () => {
  it("lets members join with scrip attached and records their contributions", () => {
    const joined = alice.invoke("pool", "join", [], { value: 50 });
    expect(joined).toHaveProperty("result", { member: "alice", contribution: 50, total: 50 });
    expect(joined.success && joined.events.map((e) => e.type)).toEqual([
      "scrip.transferred",
      "contract.pool.joined",
      "invoke.succeeded",
    ]);
    expect(bob.invoke("pool", "join", [], { value: 30 })).toSucceed();
    expect(k.balances()).toMatchObject({ alice: 50, bob: 70, pool: 80 });
    expect(carol.invoke("pool", "contributions")).toHaveProperty("result", { alice: 50, bob: 30 });
  });

  it("refuses a join with nothing attached: nobody pays who did not attach scrip", () => {
    expect(carol.invoke("pool", "join")).toFailWith("invalid_argument");
    expect(carol.balance()).toBe(100);
    expect(k.balance("pool")).toBe(0);
  });

  it("distributes revenue proportionally with the largest-remainder rule, to the unit", () => {
    joinAliceAndBob();
    expect(dave.transfer("pool", 7)).toSucceed();
    expect(alice.invoke("pool", "revenue")).toHaveProperty("result", 7);
    const distributed = bob.invoke("pool", "distribute");
    // 7 × 50/80 = 4.375 and 7 × 30/80 = 2.625: floors 4 + 2, the spare unit goes to bob (.625 > .375).
    expect(distributed).toHaveProperty("result", {
      distributed: 7,
      payouts: [
        { member: "alice", amount: 4 },
        { member: "bob", amount: 3 },
      ],
    });
    expect(distributed).toEmit("contract.pool.distributed", { amount: 7 });
    expect(k.balances()).toMatchObject({ alice: 54, bob: 73, pool: 80 });
  });

  it("never distributes members' contributions, only revenue", () => {
    joinAliceAndBob();
    expect(dave.transfer("pool", 5)).toSucceed();
    expect(alice.invoke("pool", "distribute", [6])).toFailWith("invalid_argument");
    // The manifest says Integer, so the kernel refuses a fraction before the contract runs.
    const fraction = alice.invoke("pool", "distribute", [1.5]);
    expect(fraction).toHaveProperty(
      "error.message",
      expect.stringMatching(/amount must be integer/),
    );
    expect(k.balance("pool")).toBe(85);
  });

  it("lets a member withdraw exactly their own contribution, once", () => {
    joinAliceAndBob();
    expect(bob.invoke("pool", "withdraw")).toHaveProperty("result", { member: "bob", amount: 30 });
    expect(k.balances()).toMatchObject({ alice: 50, bob: 100, pool: 50 });
    expect(alice.invoke("pool", "members")).toHaveProperty("result", ["alice"]);
    expect(bob.invoke("pool", "withdraw")).toFailWith("not_authorized");
    expect(k.balances()).toMatchObject({ bob: 100, pool: 50 });
  });

  it("refuses withdrawals and distributions by non-members, and arguments naming someone else", () => {
    joinAliceAndBob();
    const refused = carol.invoke("pool", "withdraw");
    expect(refused).toFailWith("not_authorized");
    expect(refused).toHaveProperty(
      "error.message",
      expect.stringContaining("only pool members can withdraw"),
    );
    expect(carol.invoke("pool", "distribute")).toFailWith("not_authorized");
    // A refused call leaves only its invoke.failed record in the log.
    expect(k.events({ artifact: "pool", type: "invoke.failed" }).at(-1)).toMatchObject({
      actor: "carol",
      target: "pool",
      data: { method: "distribute", code: "not_authorized" },
    });
    expect(k.events({ types: ["contract.pool.withdrawn", "contract.pool.distributed"] })).toEqual(
      [],
    );
    expect(bob.invoke("pool", "withdraw", ["alice"])).toFailWith("invalid_argument");
    expect(k.balances()).toMatchObject({ alice: 50, bob: 70, carol: 100, pool: 80 });
  });

  it("stops a contract from pulling scrip out of its caller", async () => {
    await k.deploy("./src/thief.ts", { owner: carol, id: "thief" });
    expect(alice.invoke("thief", "steal", [40])).toFailWith("insufficient_funds");
    expect(alice.invoke("thief", "stealDirect", [40])).toFailWith("insufficient_funds");
    expect(k.balances()).toMatchObject({ alice: 100, carol: 100 });
    expect(k.balance("thief")).toBe(0);
  });
});

/** Deploys the pool as alice; named and exported so a printed counterexample can import it. */
export async function deployPool(
  kernel: TestKernel,
  _principals: { [id: string]: PrincipalHandle },
) {
  await kernel.deploy("./src/pool.ts", { owner: "alice", id: "pool" });
}

describe("pool invariants", () => {
  it("keeps scrip conserved and every contribution backed under random calls by three members", async () => {
    const report = await propertyRun({
      principals: { alice: 100, bob: 100, carol: 100 },
      setup: deployPool,
      actions: [
        action("pool", "join", { value: fc.integer({ min: 1, max: 30 }) }),
        action("pool", "withdraw"),
        // Revenue arrives as a plain transfer to the pool, then anyone may distribute it.
        action("genesis_ledger", "transfer", {
          args: fc.tuple(fc.constant("pool"), fc.integer({ min: 1, max: 20 })),
        }),
        action("pool", "distribute"),
      ],
      numRuns: 100,
    });
    // On failure the message is the shrunk sequence, printed as a test to paste here.
    expect(report.ok, report.ok ? "" : `${report.failure}\n\n${report.code}`).toBe(true);
    expect(report.runs).toBe(100);
  });
});
