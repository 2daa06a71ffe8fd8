import { join } from "node:path";
import type { Kernel } from "@ecology/kernel";
import { beforeEach, describe, expect, it } from "vitest";
import {
  balancesOf,
  deployFile,
  errorCode,
  eventData,
  eventTypes,
  kernelWith,
  ok,
  totalScrip,
} from "./test-kit.js";

const here = import.meta.dirname;
let k: Kernel;
const MINTED = 100 + 100 + 100 + 50;

beforeEach(async () => {
  k = await kernelWith({ alice: 100, bob: 100, carol: 100, dave: 50 });
  await deployFile(k, "alice", join(here, "pool.ts"), { id: "pool" });
});

async function joinAliceAndBob() {
  ok(k.invoke("alice", "pool", "join", [], { value: 50 }));
  ok(k.invoke("bob", "pool", "join", [], { value: 30 }));
}

describe("pool example", () => {
  it("lets members join with scrip attached and records their contributions", async () => {
    const joined = k.invoke("alice", "pool", "join", [], { value: 50 });
    expect(ok(joined)).toEqual({ member: "alice", contribution: 50, total: 50 });
    expect(eventTypes(joined)).toEqual([
      "scrip.transferred",
      "contract.pool.joined",
      "invoke.succeeded",
    ]);
    ok(k.invoke("bob", "pool", "join", [], { value: 30 }));
    expect(balancesOf(k, "alice", "bob", "pool")).toEqual({ alice: 50, bob: 70, pool: 80 });
    expect(ok(k.invoke("carol", "pool", "contributions", []))).toEqual({ alice: 50, bob: 30 });
    expect(totalScrip(k)).toBe(MINTED);
  });

  it("refuses a join with nothing attached: nobody pays who did not attach scrip", () => {
    expect(errorCode(k.invoke("carol", "pool", "join", []))).toBe("invalid_argument");
    expect(balancesOf(k, "carol", "pool")).toEqual({ carol: 100, pool: 0 });
  });

  it("distributes revenue proportionally with the largest-remainder rule, to the unit", async () => {
    await joinAliceAndBob();
    ok(k.invoke("dave", "genesis_ledger", "transfer", ["pool", 7]));
    expect(ok(k.invoke("alice", "pool", "revenue", []))).toBe(7);
    const distributed = k.invoke("bob", "pool", "distribute", []);
    // 7 × 50/80 = 4.375 and 7 × 30/80 = 2.625: floors 4 + 2, the spare unit goes to bob (.625 > .375).
    expect(ok(distributed)).toEqual({
      distributed: 7,
      payouts: [
        { member: "alice", amount: 4 },
        { member: "bob", amount: 3 },
      ],
    });
    expect(eventData(distributed, "contract.pool.distributed")).toMatchObject({ amount: 7 });
    expect(balancesOf(k, "alice", "bob", "pool")).toEqual({ alice: 54, bob: 73, pool: 80 });
    expect(totalScrip(k)).toBe(MINTED);
  });

  it("never distributes members' contributions, only revenue", async () => {
    await joinAliceAndBob();
    ok(k.invoke("dave", "genesis_ledger", "transfer", ["pool", 5]));
    expect(errorCode(k.invoke("alice", "pool", "distribute", [6]))).toBe("invalid_argument");
    // The manifest says Integer, so the kernel refuses a fraction before the contract runs.
    const fraction = k.invoke("alice", "pool", "distribute", [1.5]);
    expect(fraction.success ? "" : fraction.error.message).toMatch(/amount must be integer/);
    expect(balancesOf(k, "pool")).toEqual({ pool: 85 });
  });

  it("lets a member withdraw exactly their own contribution, once", async () => {
    await joinAliceAndBob();
    const withdrawn = k.invoke("bob", "pool", "withdraw", []);
    expect(ok(withdrawn)).toEqual({ member: "bob", amount: 30 });
    expect(balancesOf(k, "alice", "bob", "pool")).toEqual({ alice: 50, bob: 100, pool: 50 });
    expect(ok(k.invoke("alice", "pool", "members", []))).toEqual(["alice"]);
    expect(errorCode(k.invoke("bob", "pool", "withdraw", []))).toBe("not_authorized");
    expect(balancesOf(k, "bob", "pool")).toEqual({ bob: 100, pool: 50 });
  });

  it("refuses withdrawals and distributions by non-members, and arguments naming someone else", async () => {
    await joinAliceAndBob();
    const carol = k.invoke("carol", "pool", "withdraw", []);
    expect(errorCode(carol)).toBe("not_authorized");
    expect(carol.success ? "" : carol.error.message).toContain("only pool members can withdraw");
    expect(errorCode(k.invoke("carol", "pool", "distribute", []))).toBe("not_authorized");
    // A refused call leaves only its invoke.failed record in the log.
    const last = ok(k.events({ artifact: "pool", types: ["invoke.failed"] })).events.at(-1);
    expect(last).toMatchObject({
      actor: "carol",
      target: "pool",
      data: { method: "distribute", code: "not_authorized" },
    });
    expect(
      ok(k.events({ types: ["contract.pool.withdrawn", "contract.pool.distributed"] })).events,
    ).toEqual([]);
    expect(errorCode(k.invoke("bob", "pool", "withdraw", ["alice"]))).toBe("invalid_argument");
    expect(balancesOf(k, "alice", "bob", "carol", "pool")).toEqual({
      alice: 50,
      bob: 70,
      carol: 100,
      pool: 80,
    });
  });

  it("stops a contract from pulling scrip out of its caller", async () => {
    await deployFile(k, "carol", join(here, "thief.ts"), { id: "thief" });
    const stolen = k.invoke("alice", "thief", "steal", [40]);
    expect(errorCode(stolen)).toBe("insufficient_funds");
    expect(errorCode(k.invoke("alice", "thief", "stealDirect", [40]))).toBe("insufficient_funds");
    expect(balancesOf(k, "alice", "thief", "carol")).toEqual({ alice: 100, thief: 0, carol: 100 });
    expect(totalScrip(k)).toBe(MINTED);
  });
});
