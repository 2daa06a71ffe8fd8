import { describe, expect, it } from "vitest";
import "./vitest.js";
import { COUNTER_CAPPED_TS, COUNTER_TS, COUNTER_V2_TS } from "./test-fixtures/paths.js";
import { createTestKernel } from "./test-kernel.js";
import { TestingError } from "./testing-error.js";

const DAY = 86_400_000;

async function counterKernel(policy: { upgradable?: boolean } = { upgradable: true }) {
  const k = await createTestKernel();
  const alice = k.principal("alice", { scrip: 100 });
  const bob = k.principal("bob", { scrip: 100 });
  const counter = await k.deploy(COUNTER_TS, { owner: alice, id: "counter", args: [DAY], policy });
  return { k, alice, bob, counter };
}

describe("k.upgrade", () => {
  it("compiles the new source, runs its migrate with the args and keeps the contract's id", async () => {
    const { k, alice, bob, counter } = await counterKernel();
    bob.invoke(counter, "increment", [4]);
    const env = await k.upgrade(alice, counter, COUNTER_V2_TS, ["no more deadline"]);
    expect(env).toSucceed();
    expect(env).toEmit("artifact.upgraded");
    expect(k.state(counter)).toEqual({ count: 4, history: ["no more deadline"] });
    expect(bob.invoke(counter, "increment", [2])).toSucceed();
    expect(k.state(counter)).toEqual({ count: 6, history: ["no more deadline", "+2"] });
    k.close();
  });

  it("answers refusals as envelopes: a non-owner, a contract not deployed upgradable", async () => {
    const upgradable = await counterKernel();
    const byBob = await upgradable.k.upgrade(upgradable.bob, "counter", COUNTER_V2_TS, ["x"]);
    expect(byBob).toFailWith("not_authorized");
    upgradable.k.close();
    const fixed = await counterKernel({});
    const notUpgradable = await fixed.k.upgrade(fixed.alice, "counter", COUNTER_V2_TS, ["x"]);
    expect(notUpgradable).toFailWith("not_authorized");
    expect(fixed.k.state("counter")).toEqual({ count: 0, deadline: expect.any(Number) });
    fixed.k.close();
  });

  it("rolls everything back when migrate fails", async () => {
    const { k, alice, counter } = await counterKernel();
    const before = k.state(counter);
    const version = k.kernel.getArtifact("counter")?.version;
    expect(await k.upgrade(alice, counter, COUNTER_V2_TS, [""])).toFailWith("invalid_argument");
    expect(k.state(counter)).toEqual(before);
    expect(k.kernel.getArtifact("counter")?.version).toBe(version);
    expect(k.events({ type: "artifact.upgraded" })).toEqual([]);
    k.close();
  });

  it("throws compile_failed for a source that does not compile", async () => {
    const { k, alice, counter } = await counterKernel();
    const bad = new URL("./test-fixtures/type-error.ts", import.meta.url);
    await expect(k.upgrade(alice, counter, bad)).rejects.toMatchObject({ code: "compile_failed" });
    k.close();
  });
});

describe("k.journal", () => {
  it("lists every operation with its exact inputs, failures included, oldest first", async () => {
    const { k, bob, counter } = await counterKernel();
    bob.invoke(counter, "increment", [3]);
    bob.invoke(counter, "increment", [-1]);
    const records = k.journal();
    expect(records.map((r) => r.op)).toEqual([
      "createPrincipal",
      "createPrincipal",
      "deploy",
      "invoke",
      "invoke",
    ]);
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(records[3]?.params).toMatchObject({ target: "counter", method: "increment", args: [3] });
    expect(records[4]?.outcome.success).toBe(false);
    k.close();
  });
});

describe("k.replay", () => {
  async function history() {
    const setup = await counterKernel();
    const { bob, counter } = setup;
    for (const by of [2, 9, 1, 7, 3]) bob.invoke(counter, "increment", [by]);
    return setup;
  }

  it("reproduces the history exactly with no overrides", async () => {
    const { k } = await history();
    const report = await k.replay();
    expect(report).toMatchObject({
      identical: true,
      replayed: 8,
      determinism: [],
      divergences: [],
    });
    expect(report.final).toEqual([]);
    k.close();
  });

  it("reports exactly the increments whose result changed under new code, and the final diff", async () => {
    const { k } = await history();
    const journal = k.journal();
    const report = await k.replay({ with: { counter: COUNTER_CAPPED_TS } });
    expect(report.identical).toBe(false);
    expect(report.overrides).toEqual(["counter"]);
    // Capping at 5 changes the 9 (2+9 → 2+5) and every increment after it (the totals differ).
    const diverged = journal.filter((r) => r.seq >= 5).map((r) => r.seq);
    expect(report.divergences.map((d) => d.seq)).toEqual(diverged);
    const first = report.divergences[0];
    expect(first?.aspects).toEqual(["result", "state", "events"]);
    expect(first?.original.result).toBe(11);
    expect(first?.replayed.result).toBe(7);
    expect(report.final).toEqual([
      {
        kind: "state",
        id: "counter",
        original: expect.objectContaining({ count: 22 }),
        replayed: expect.objectContaining({ count: 16 }),
      },
    ]);
    k.close();
  });

  it("compares only from `from` on, after re-executing what comes before", async () => {
    const { k } = await history();
    const report = await k.replay({ with: { counter: COUNTER_CAPPED_TS }, from: 7 });
    expect(report.from).toBe(7);
    expect(report.divergences.map((d) => d.seq)).toEqual([7, 8]);
    k.close();
  });

  it("throws replay_failed when the kernel refuses the range", async () => {
    const { k } = await history();
    const failure = await k.replay({ from: 50 }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TestingError);
    expect(failure).toMatchObject({ code: "replay_failed" });
    k.close();
  });
});
