import { afterEach, describe, expect, it } from "vitest";
import type { Kernel } from "../kernel.js";
import {
  COUNTER,
  contract,
  fingerprint,
  mustDeploy,
  testKernel,
} from "../test-fixtures/contracts.js";

/** Counter v2: `{ count }` becomes `{ total, upgrades }`; migrate takes a bonus. */
const COUNTER_V2 = contract(
  `module.exports = { default: {
    migrate(ctx, bonus) {
      if (bonus < 0) ctx.fail("invalid_argument", "bonus must not be negative");
      return { total: ctx.state.count + bonus, upgrades: 1 };
    },
    methods: { inc(ctx, by) { ctx.state.total += by; return ctx.state.total; } },
    views: { get(ctx) { return ctx.state.total; } },
  } };`,
  { methods: { inc: 1 }, views: { get: 0 }, migrate: [{ name: "bonus", type: "number" }] },
);

/** A v2 without migrate: the state is kept as it is. */
const COUNTER_PLAIN = contract(
  `module.exports = { default: { methods: { inc(ctx, by) { ctx.state.count += 10 * by; return ctx.state.count; } } } };`,
  { methods: { inc: 1 } },
);

/** A migrate that throws after changing the state. */
const COUNTER_BROKEN = contract(
  `module.exports = { default: { migrate(ctx) { ctx.state.count = 999; throw new Error("no"); }, methods: {} } };`,
  { methods: {}, migrate: 0 },
);

let k: Kernel;
afterEach(() => k.close());

async function economy(upgradable: boolean): Promise<Kernel> {
  k = await testKernel();
  k.createPrincipal("alice", { scrip: 10 });
  k.createPrincipal("bob", { scrip: 10 });
  mustDeploy(k, "alice", "counter", COUNTER, [5], upgradable ? { upgradable: true } : {});
  return k;
}

describe("kernel.upgrade", () => {
  it("replaces the code, migrates the state with args and records artifact.upgraded", async () => {
    await economy(true);
    const before = k.getArtifact("counter");
    const env = k.upgrade("alice", "counter", { code: COUNTER_V2, args: [100] });
    expect(env).toMatchObject({ success: true, result: { id: "counter" } });
    if (!env.success) return;
    expect(env.result.fromCodeHash).not.toBe(env.result.toCodeHash);
    expect(env.events.map((e) => e.type)).toEqual(["artifact.upgraded"]);
    expect(env.events[0]?.data).toMatchObject({
      fromCodeHash: env.result.fromCodeHash,
      toCodeHash: env.result.toCodeHash,
    });
    expect(k.getArtifact("counter")?.state).toEqual({ total: 105, upgrades: 1 });
    expect(k.getArtifact("counter")?.version).toBeGreaterThan(before?.version ?? 0);
    expect(k.invoke("bob", "counter", "inc", [1])).toMatchObject({ success: true, result: 106 });
    expect(k.invoke("bob", "counter", "get", [])).toMatchObject({ success: true, result: 106 });
    k.checkInvariants();
  });

  it("keeps the state when the new code has no migrate, and refuses args for it", async () => {
    await economy(true);
    expect(k.upgrade("alice", "counter", { code: COUNTER_PLAIN, args: [1] })).toMatchObject({
      success: false,
      error: { code: "invalid_argument" },
    });
    expect(k.upgrade("alice", "counter", { code: COUNTER_PLAIN }).success).toBe(true);
    expect(k.invoke("bob", "counter", "inc", [1])).toMatchObject({ success: true, result: 15 });
  });

  it("is refused to anyone but the owner, changing nothing", async () => {
    await economy(true);
    const print = fingerprint(k);
    expect(k.upgrade("bob", "counter", { code: COUNTER_V2, args: [1] })).toMatchObject({
      success: false,
      error: { code: "not_authorized" },
    });
    expect(fingerprint(k)).toBe(print);
  });

  it("is refused for a contract not deployed upgradable, with a coded reason", async () => {
    await economy(false);
    const print = fingerprint(k);
    expect(k.upgrade("alice", "counter", { code: COUNTER_V2, args: [1] })).toMatchObject({
      success: false,
      error: { code: "not_authorized", details: { reason: "not_upgradable" } },
    });
    expect(fingerprint(k)).toBe(print);
  });

  it("rolls the whole upgrade back when migrate fails", async () => {
    await economy(true);
    const print = fingerprint(k);
    const code = k.getArtifact("counter")?.code;
    const refused = k.upgrade("alice", "counter", { code: COUNTER_V2, args: [-1] });
    expect(refused).toMatchObject({ success: false, error: { code: "invalid_argument" } });
    const thrown = k.upgrade("alice", "counter", { code: COUNTER_BROKEN });
    expect(thrown).toMatchObject({ success: false, error: { code: "contract_error" } });
    expect(fingerprint(k)).toBe(print);
    expect(k.getArtifact("counter")?.code).toEqual(code);
    const upgraded = k.events({ types: ["artifact.upgraded"] });
    expect(upgraded.success && upgraded.result.events).toEqual([]);
    // The old code still runs.
    expect(k.invoke("bob", "counter", "inc", [1])).toMatchObject({ success: true, result: 6 });
  });

  it("refuses bad code and data artifacts with invalid_argument", async () => {
    await economy(true);
    k.write("alice", "doc", { a: 1 });
    expect(k.upgrade("alice", "counter", { code: { js: 1 } as never })).toMatchObject({
      success: false,
      error: { code: "invalid_argument" },
    });
    expect(k.upgrade("alice", "doc", { code: COUNTER_V2, args: [1] })).toMatchObject({
      success: false,
      error: { code: "invalid_argument" },
    });
    expect(k.upgrade("alice", "nothing", { code: COUNTER_V2, args: [1] })).toMatchObject({
      success: false,
      error: { code: "not_found" },
    });
  });
});

describe("policy.upgradable", () => {
  it("defaults to false and can be switched off but never back on", async () => {
    await economy(true);
    expect(k.getArtifact("counter")?.policy.upgradable).toBe(true);
    const off = k.setPolicy("alice", "counter", { upgradable: false });
    expect(off.success && off.result.upgradable).toBeFalsy();
    expect(k.setPolicy("alice", "counter", { upgradable: true })).toMatchObject({
      success: false,
      error: { code: "not_authorized", details: { reason: "not_upgradable" } },
    });
    expect(k.upgrade("alice", "counter", { code: COUNTER_PLAIN })).toMatchObject({
      success: false,
      error: { code: "not_authorized" },
    });
    mustDeploy(k, "alice", "plain", COUNTER, [0]);
    expect(k.getArtifact("plain")?.policy.upgradable).toBeUndefined();
    expect(k.setPolicy("alice", "plain", { upgradable: true }).success).toBe(false);
  });

  it("is only for contracts, and only a boolean", async () => {
    await economy(true);
    expect(k.write("alice", "doc", 1, { policy: { upgradable: true } })).toMatchObject({
      success: false,
      error: { code: "invalid_argument" },
    });
    expect(k.setPolicy("alice", "counter", { upgradable: "yes" as never })).toMatchObject({
      success: false,
      error: { code: "invalid_argument" },
    });
  });
});
