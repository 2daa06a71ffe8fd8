import { beforeAll, describe, expect, it } from "vitest";
import "../vitest.js";
import type { PrincipalHandle } from "../principal-handle.js";
import { COUNTER_TS } from "../test-fixtures/paths.js";
import { createTestKernel, type TestKernel } from "../test-kernel.js";

let k: TestKernel;
let alice: PrincipalHandle;
let bob: PrincipalHandle;

beforeAll(async () => {
  k = await createTestKernel();
  alice = k.principal("alice", { scrip: 100 });
  bob = k.principal("bob", { scrip: 1 });
  await k.deploy(COUNTER_TS, { owner: alice, args: [1_000_000], id: "counter" });
  return () => k.close();
});

/** The message of the assertion error `fn` throws (the test fails if it does not throw). */
async function messageOf(fn: () => unknown): Promise<string> {
  try {
    await fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected the assertion to fail");
}

describe("toSucceed", () => {
  it("passes for a successful call, given an envelope, a function or a promise", async () => {
    expect(alice.invoke("counter", "increment", [1])).toSucceed();
    expect(() => alice.invoke("counter", "increment", [1])).toSucceed();
    await expect(Promise.resolve(alice.invoke("counter", "current"))).toSucceed();
    expect(alice.invoke("counter", "explode")).not.toSucceed();
  });

  it("shows the call, code, invoke path and TypeScript line when the call failed", async () => {
    const message = await messageOf(() => expect(alice.invoke("counter", "explode")).toSucceed());
    expect(message).toMatch(
      /^expected #\d+ alice\.invoke\("counter", "explode"\) to succeed, but it failed with contract_error: exploded on purpose/,
    );
    expect(message).toContain("path: alice → counter.explode");
    expect(message).toMatch(/at counter\.ts:17:\d+/);
  });

  it("shows the result when .not fails", async () => {
    const message = await messageOf(() =>
      expect(alice.invoke("counter", "current")).not.toSucceed(),
    );
    expect(message).toMatch(
      /expected #\d+ alice\.invoke\("counter", "current"\) to fail, but it succeeded with result \d+/,
    );
  });

  it("rejects values that are not envelopes", async () => {
    const message = await messageOf(() => expect(42).toSucceed());
    expect(message).toContain("toSucceed expects an envelope");
  });
});

describe("toFailWith", () => {
  it("passes when the call failed with that code", () => {
    expect(bob.invoke("counter", "increment", [1])).toFailWith("insufficient_funds");
    expect(alice.invoke("counter", "increment", [0])).toFailWith("invalid_argument");
    expect(alice.invoke("counter", "increment", [1])).not.toFailWith("invalid_argument");
  });

  it("names the actual code, path and line when the code differs", async () => {
    const message = await messageOf(() =>
      expect(alice.invoke("counter", "explode")).toFailWith("not_authorized"),
    );
    expect(message).toMatch(
      /to fail with not_authorized, but it failed with contract_error: exploded on purpose/,
    );
    expect(message).toContain("path: alice → counter.explode");
    expect(message).toMatch(/at counter\.ts:17:\d+/);
  });

  it("shows the result when the call succeeded", async () => {
    const message = await messageOf(() =>
      expect(alice.invoke("counter", "current")).toFailWith("not_found"),
    );
    expect(message).toMatch(/to fail with not_found, but it succeeded with result \d+/);
  });

  it("says what happened when .not fails", async () => {
    const message = await messageOf(() =>
      expect(bob.invoke("counter", "increment", [1])).not.toFailWith("insufficient_funds"),
    );
    expect(message).toMatch(
      /not to fail with insufficient_funds, but it did: insufficient_funds: bob has 1 scrip/,
    );
  });
});

describe("toEmit", () => {
  it("matches contract events by short name and data by partial deep match", () => {
    const r = alice.invoke("counter", "increment", [5]);
    expect(r).toEmit("incremented");
    expect(r).toEmit("contract.incremented", { by: 5 });
    expect(r).toEmit("incremented", { caller: "alice", count: expect.any(Number) });
    expect(r).toEmit("invoke.succeeded");
    expect(r).not.toEmit("incremented", { by: 6 });
  });

  it("lists the emitted events when the expected one is missing", async () => {
    const r = alice.invoke("counter", "increment", [5]);
    const message = await messageOf(() => expect(r).toEmit("incremented", { by: 6 }));
    expect(message).toMatch(/to emit incremented with \{"by": 6\}; it emitted:/);
    expect(message).toMatch(/contract\.incremented \{"by":5,/);
  });

  it("shows the failure when the call failed", async () => {
    const message = await messageOf(() => expect(alice.invoke("counter", "explode")).toEmit("x"));
    expect(message).toMatch(
      /to emit x, but it failed with contract_error: exploded on purpose\n\s+path: alice → counter\.explode\n\s+at counter\.ts:17/,
    );
  });

  it("says which event was there when .not fails", async () => {
    const r = alice.invoke("counter", "increment", [2]);
    const message = await messageOf(() => expect(r).not.toEmit("incremented"));
    expect(message).toMatch(/not to emit incremented; it emitted:/);
  });
});

describe("toChangeBalance", () => {
  it("measures the change a function makes on the kernel it used", async () => {
    await expect(() => alice.transfer("bob", 5)).toChangeBalance("alice", -5);
    await expect(() => bob.invoke("counter", "increment", [1])).toChangeBalance(alice, 2);
    await expect(async () => bob.invoke("counter", "increment", [1])).toChangeBalance("bob", -2);
    await expect(() => bob.invoke("counter", "explode")).toChangeBalance("bob", 0);
    await expect(() => alice.transfer("bob", 1)).not.toChangeBalance("alice", 0);
  });

  it("reads the change from an envelope's events", () => {
    expect(alice.transfer("bob", 3)).toChangeBalance("bob", 3);
    expect(bob.invoke("counter", "increment", [1])).toChangeBalance("alice", 2);
    expect(bob.invoke("counter", "increment", [-1])).toChangeBalance("bob", 0);
  });

  it("shows the actual change and the balances before and after", async () => {
    const message = await messageOf(() =>
      expect(() => alice.transfer("bob", 4)).toChangeBalance("alice", -5),
    );
    expect(message).toMatch(
      /^expected #\d+ alice\.invoke\("genesis_ledger", "transfer", \["bob",4\]\) to change the balance of alice by -5, but it changed by -4 \(\d+ → \d+\)/,
    );
  });

  it("adds the failure when the call failed", async () => {
    const message = await messageOf(() =>
      expect(() => bob.invoke("counter", "explode")).toChangeBalance("bob", -2),
    );
    expect(message).toMatch(
      /but it changed by 0 \(\d+ → \d+\); the call failed with contract_error/,
    );
  });

  it("refuses to guess when the function used two test kernels", async () => {
    const other = await createTestKernel();
    const carol = other.principal("carol", { scrip: 5 });
    const message = await messageOf(() =>
      expect(() => {
        alice.transfer("bob", 1);
        carol.transfer("genesis_ledger", 1);
      }).toChangeBalance("alice", -1),
    );
    other.close();
    expect(message).toContain("the function used 2 test kernels");
  });
});
