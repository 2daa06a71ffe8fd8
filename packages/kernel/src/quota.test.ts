import { describe, expect, it } from "vitest";
import type { Kernel } from "./kernel.js";
import {
  COUNTER,
  contract,
  fingerprint,
  mustDeploy,
  testKernel,
} from "./test-fixtures/contracts.js";
import type { Envelope } from "./types.js";

/** Writes data artifacts and grows its own state, as much as the caller asks. */
const HOARDER = contract(
  `function big(n) { return new Array(n + 1).join("x"); }
  module.exports = { default: { methods: {
    store(ctx, id, n) { ctx.write(id, big(n)); },
    grow(ctx, n) { ctx.state.blob = big(n); },
    fail(ctx) { ctx.fail("invalid_state", "no"); },
    failMany(ctx, n) { for (var i = 0; i < n; i++) ctx.invoke(ctx.self, "fail"); },
  } } };`,
  { methods: { store: 2, grow: 1, fail: 0, failMany: 1 }, reentrant: true },
);

const KIB = 1024;

async function quotaKernel(limits: object): Promise<Kernel> {
  const k = await testKernel({ limits });
  k.createPrincipal("mallory", { scrip: 10 });
  k.createPrincipal("alice", { scrip: 10 });
  return k;
}

function codeOf(env: Envelope<unknown>): string | undefined {
  return env.success ? undefined : env.error.code;
}

describe("per-principal storage quota", () => {
  it("refuses the write that would pass the quota, changing nothing; others are unaffected", async () => {
    const k = await quotaKernel({ storageQuotaBytes: 64 * KIB });
    for (let i = 0; i < 5; i++)
      expect(k.write("mallory", `m${i}`, "x".repeat(10 * KIB)).success).toBe(true);
    const before = fingerprint(k);
    const env = k.write("mallory", "m5", "x".repeat(20 * KIB));
    expect(env).toMatchObject({
      success: false,
      error: { code: "not_authorized", details: { reason: "storage_quota", quota: 64 * KIB } },
    });
    expect(fingerprint(k)).toBe(before);
    expect(k.write("alice", "a0", "x".repeat(40 * KIB)).success).toBe(true);
    // Shrinking an artifact gives the room back.
    expect(k.write("mallory", "m0", "small").success).toBe(true);
    expect(k.write("mallory", "m5", "x".repeat(15 * KIB)).success).toBe(true);
    k.close();
  });

  it("counts deployed code, and charges writes made by a contract to the principal whose call made them", async () => {
    const k = await quotaKernel({ storageQuotaBytes: 64 * KIB });
    mustDeploy(k, "alice", "hoarder", HOARDER);
    expect(k.invoke("mallory", "hoarder", "store", ["h1", 40 * KIB]).success).toBe(true);
    const env = k.invoke("mallory", "hoarder", "store", ["h2", 40 * KIB]);
    expect(env).toMatchObject({
      error: { code: "not_authorized", details: { reason: "storage_quota" } },
    });
    expect(k.getArtifact("h2")).toBeUndefined();
    // alice (the contract's deployer) still has her room; mallory's is spent.
    expect(k.invoke("alice", "hoarder", "store", ["h3", 40 * KIB]).success).toBe(true);
    const big = { ...COUNTER, js: `${COUNTER.js}\n//${"x".repeat(70 * KIB)}` };
    expect(codeOf(k.deploy("mallory", { code: big }))).toBe("not_authorized");
    k.close();
  });

  it("charges a contract's state growth to the principal that deployed it", async () => {
    const k = await quotaKernel({ storageQuotaBytes: 64 * KIB });
    mustDeploy(k, "alice", "hoarder", HOARDER);
    expect(k.invoke("mallory", "hoarder", "grow", [30 * KIB]).success).toBe(true);
    expect(codeOf(k.invoke("mallory", "hoarder", "grow", [70 * KIB]))).toBe("not_authorized");
    expect(k.getArtifact("hoarder")?.state).toMatchObject({ blob: "x".repeat(30 * KIB) });
    k.close();
  });

  it("cannot be dodged with metadata, policies or by handing artifacts to someone else", async () => {
    const k = await quotaKernel({ storageQuotaBytes: 64 * KIB });
    const padding = { note: "x".repeat(50 * KIB) };
    expect(k.write("mallory", "m1", 1, { metadata: padding }).success).toBe(true);
    expect(codeOf(k.write("mallory", "m1", 2, { metadata: { note: "x".repeat(70 * KIB) } }))).toBe(
      "not_authorized",
    );
    const prices = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`method_${i}`, 1]));
    expect(codeOf(k.setPolicy("mallory", "m1", { methodPrices: prices }))).toBe("not_authorized");
    // Giving the artifact away does not move its bytes onto alice's quota.
    expect(k.transferOwnership("mallory", "m1", "alice").success).toBe(true);
    expect(k.write("alice", "a1", "x".repeat(60 * KIB)).success).toBe(true);
    expect(codeOf(k.write("mallory", "m2", "x".repeat(20 * KIB)))).toBe("not_authorized");
    k.close();
  });

  it("has a default that normal use never meets", async () => {
    const k = await quotaKernel({});
    for (let i = 0; i < 20; i++)
      expect(k.write("mallory", `d${i}`, "x".repeat(512 * KIB)).success).toBe(true);
    k.close();
  });
});

describe("per-principal cap on failure records", () => {
  it("refuses further calls once a principal's failures fill the window, recording nothing more", async () => {
    let now = 1_000_000;
    const k = await testKernel({
      clock: () => now,
      limits: { maxFailuresPerWindow: 5, failureWindowMs: 60_000 },
    });
    k.createPrincipal("mallory", { scrip: 10 });
    k.createPrincipal("alice", { scrip: 10 });
    mustDeploy(k, "alice", "hoarder", HOARDER);
    for (let i = 0; i < 5; i++)
      expect(codeOf(k.invoke("mallory", "hoarder", "fail", []))).toBe("invalid_state");
    const count = () => {
      const page = k.events({ types: ["invoke.failed"], limit: 1000 });
      return page.success ? page.result.events.length : -1;
    };
    expect(count()).toBe(5);
    const refused = k.invoke("mallory", "hoarder", "fail", []);
    expect(refused).toMatchObject({
      success: false,
      error: { code: "not_authorized", details: { reason: "failure_quota", limit: 5 } },
    });
    expect(codeOf(k.invoke("mallory", "nowhere", "x", []))).toBe("not_authorized");
    expect(count()).toBe(5);
    // Others are unaffected, and the window moves on.
    expect(codeOf(k.invoke("alice", "hoarder", "fail", []))).toBe("invalid_state");
    now += 60_000;
    expect(codeOf(k.invoke("mallory", "hoarder", "fail", []))).toBe("invalid_state");
    k.close();
  });

  it("stops recording nested failures past the cap within one call", async () => {
    const k = await testKernel({ limits: { maxFailuresPerWindow: 10 } });
    k.createPrincipal("mallory", { scrip: 10 });
    mustDeploy(k, "mallory", "hoarder", HOARDER);
    expect(k.invoke("mallory", "hoarder", "failMany", [50]).success).toBe(true);
    const page = k.events({ types: ["invoke.failed"], limit: 1000 });
    expect(page.success && page.result.events.length).toBe(10);
    k.close();
  });
});
