import { afterEach, describe, expect, it } from "vitest";
import type { Kernel } from "../kernel.js";
import { replay } from "../replay/replay.js";
import { canSnapshot } from "../storage/storage.js";
import {
  allJournal,
  COUNTER,
  fingerprint,
  mustDeploy,
  nonFailureEventCount,
  SERVICE,
  sharedRuntime,
  testKernel,
} from "../test-fixtures/contracts.js";
import type { Envelope, GrantCaller, GrantLimits } from "../types.js";
import { worldOf } from "../world-of.js";

const T0 = 1_700_000_000_000;
let kernels: Kernel[] = [];
afterEach(() => {
  for (const k of kernels) k.close();
  kernels = [];
});

/** alice (100 scrip) and bob; bob owns svc (premium costs 20), ctr and doc; alice owns mine. */
async function economy(clock: { now: number } = { now: T0 }): Promise<Kernel> {
  const k = await testKernel({ clock: () => clock.now });
  kernels.push(k);
  k.createPrincipal("alice", { scrip: 100 });
  k.createPrincipal("bob", { scrip: 50 });
  mustDeploy(k, "bob", "svc", SERVICE);
  mustDeploy(k, "bob", "ctr", COUNTER, [0]);
  k.write("bob", "doc", { text: "for sale" }, { policy: { readPrice: 3 } });
  k.write("alice", "mine", { v: 1 });
  return k;
}

function grant(k: Kernel, limits: GrantLimits, confirmed = false): GrantCaller {
  const env = k.createGrant("alice", limits);
  if (!env.success) throw new Error(env.error.message);
  return { principal: "alice", grant: env.result.grant.id, ...(confirmed ? { confirmed } : {}) };
}

function spentOf(k: Kernel, id: string): number {
  const env = k.listGrants("alice");
  if (!env.success) throw new Error(env.error.message);
  return env.result.find((g) => g.id === id)?.spent ?? -1;
}

/** Runs `call`, expects the grant to refuse it for `reason`, and nothing to have changed. */
function expectRefused(k: Kernel, g: GrantCaller, reason: string, call: () => Envelope<unknown>) {
  const before = fingerprint(k);
  const events = nonFailureEventCount(k);
  const spent = spentOf(k, g.grant);
  const env = call();
  expect(env).toMatchObject({
    success: false,
    error: { code: "not_authorized", details: { grant: { id: g.grant, reason } } },
  });
  expect(fingerprint(k)).toBe(before);
  expect(nonFailureEventCount(k)).toBe(events);
  expect(spentOf(k, g.grant)).toBe(spent);
  k.checkInvariants();
  return env;
}

describe("grant tokens", () => {
  it("stores only a hash of the secret and authenticates the exact token", async () => {
    const k = await economy();
    const env = k.createGrant("alice", { spend: 10 });
    if (!env.success) throw new Error(env.error.message);
    const { grant: g, token } = env.result;
    expect(g).toMatchObject({ principal: "alice", spend: 10, spent: 0, targets: "*" });
    expect(token.startsWith(`ecology_g_${g.id}.`)).toBe(true);
    const secret = token.slice(token.indexOf(".") + 1);
    // Every stored byte, where the storage can give them (SQLite); else every grant row.
    const storage = worldOf(k).storage;
    const db = canSnapshot(storage)
      ? Buffer.from(storage.serialize()).toString("latin1")
      : JSON.stringify(storage.listGrants("alice"));
    expect(db.includes(g.id)).toBe(true);
    expect(db.includes(secret)).toBe(false);
    expect(JSON.stringify(allJournal(k)).includes(secret)).toBe(false);
    expect(k.authenticateGrant(token)).toEqual(g);
    expect(k.authenticateGrant(`${token.slice(0, -1)}x`)).toBeUndefined();
    expect(k.authenticateGrant(`ecology_g_${g.id}.`)).toBeUndefined();
    expect(k.authenticateGrant("ecology_g_nope.abc")).toBeUndefined();
    expect(k.authenticateGrant(42 as unknown as string)).toBeUndefined();
  });

  it("refuses bad limits with invalid_argument and stores nothing", async () => {
    const k = await economy();
    const bad: GrantLimits[] = [
      { spend: -1 },
      { perCall: 1.5 },
      { targets: [] },
      { targets: ["a b"] },
      { expiresAt: T0 - 1 },
      { readOnly: "yes" as unknown as boolean },
      { confirmAbove: Number.MAX_SAFE_INTEGER + 2 },
    ];
    for (const limits of bad)
      expect(k.createGrant("alice", limits)).toMatchObject({
        success: false,
        error: { code: "invalid_argument" },
      });
    expect(k.listGrants("alice")).toMatchObject({ success: true, result: [] });
    expect(k.createGrant("nobody", {})).toMatchObject({ error: { code: "not_found" } });
  });

  it("lists a principal's grants only, and revokes only its own", async () => {
    const k = await economy();
    const a = grant(k, { spend: 1 });
    k.createGrant("bob", { spend: 2 });
    expect(k.listGrants("alice")).toMatchObject({ result: [{ id: a.grant }] });
    expect(k.revokeGrant("bob", a.grant)).toMatchObject({ error: { code: "not_found" } });
    expect(k.revokeGrant("alice", a.grant)).toMatchObject({ result: { revoked: true } });
    expect(k.revokeGrant("alice", a.grant)).toMatchObject({ success: true });
  });
});

describe("a grant's limits", () => {
  it("perCall refuses a call moving more, and changes nothing", async () => {
    const k = await economy();
    const g = grant(k, { spend: 100, perCall: 10 });
    const env = expectRefused(k, g, "per_call", () => k.invoke(g, "svc", "premium"));
    expect(env).toMatchObject({ error: { details: { grant: { amount: 20, limit: 10 } } } });
    expect(k.invoke(g, "svc", "basic").success).toBe(true);
  });

  it("spend caps the total: prices, values and transfers, and is debited in the same commit", async () => {
    const k = await economy();
    const g = grant(k, { spend: 45 });
    expect(k.invoke(g, "svc", "premium").success).toBe(true);
    expect(k.invoke(g, "svc", "pool", [], { value: 10 }).success).toBe(true);
    expect(k.invoke(g, "genesis_ledger", "transfer", ["bob", 5]).success).toBe(true);
    expect(spentOf(k, g.grant)).toBe(35);
    expect(k.balance("alice")).toBe(65);
    const env = expectRefused(k, g, "spend", () =>
      k.invoke(g, "genesis_ledger", "transfer", ["bob", 11]),
    );
    expect(env).toMatchObject({ error: { details: { grant: { amount: 11, limit: 10 } } } });
    expect(k.read(g, "doc").success).toBe(true);
    expect(spentOf(k, g.grant)).toBe(38);
  });

  it("counts what genesis moves out of the wallet inside the call (an escrow purchase)", async () => {
    const k = await economy();
    expect(k.invoke("bob", "genesis_escrow", "deposit", ["doc", 25]).success).toBe(true);
    const g = grant(k, { spend: 20 });
    expectRefused(k, g, "spend", () => k.invoke(g, "genesis_escrow", "purchase", ["doc"]));
    const wide = grant(k, { spend: 25 });
    expect(k.invoke(wide, "genesis_escrow", "purchase", ["doc"]).success).toBe(true);
    expect(spentOf(k, wide.grant)).toBe(25);
    expect(k.getArtifact("doc")?.owner).toBe("alice");
  });

  it("targets admit listed artifacts (any operation) and artifact.method (that method only)", async () => {
    const k = await economy();
    const g = grant(k, { spend: 100, targets: ["svc.basic", "mine"] });
    expect(k.invoke(g, "svc", "basic").success).toBe(true);
    expect(k.write(g, "mine", { v: 2 }).success).toBe(true);
    expectRefused(k, g, "target", () => k.invoke(g, "svc", "premium"));
    expectRefused(k, g, "target", () => k.invoke(g, "ctr", "inc", [1]));
    expectRefused(k, g, "target", () => k.write(g, "other", 1));
    expectRefused(k, g, "target", () => k.read(g, "svc"));
    expectRefused(k, g, "target", () => k.deploy(g, { code: COUNTER, args: [0] }));
  });

  it("readOnly admits reads and views only", async () => {
    const k = await economy();
    const g = grant(k, { spend: 100, readOnly: true });
    expect(k.invoke(g, "ctr", "get")).toMatchObject({ success: true, result: 0 });
    expect(k.read(g, "doc").success).toBe(true);
    expectRefused(k, g, "read_only", () => k.invoke(g, "ctr", "inc", [1]));
    expectRefused(k, g, "read_only", () => k.invoke(g, "genesis_ledger", "transfer", ["bob", 1]));
    expectRefused(k, g, "read_only", () => k.write(g, "mine", 2));
    expectRefused(k, g, "read_only", () => k.delete(g, "mine"));
    expectRefused(k, g, "read_only", () => k.setPolicy(g, "mine", { readPrice: 1 }));
    expectRefused(k, g, "read_only", () => k.transferOwnership(g, "mine", "bob"));
    expectRefused(k, g, "read_only", () => k.deploy(g, { code: COUNTER, args: [0] }));
    expectRefused(k, g, "read_only", () => k.invoke(g, "nowhere", "get"));
  });

  it("expiry refuses from expiresAt on, and the token stops authenticating", async () => {
    const clock = { now: T0 };
    const k = await economy(clock);
    const env = k.createGrant("alice", { spend: 100, expiresAt: T0 + 1000 });
    if (!env.success) throw new Error(env.error.message);
    const g = { principal: "alice", grant: env.result.grant.id };
    expect(k.invoke(g, "svc", "basic").success).toBe(true);
    clock.now = T0 + 1000;
    expectRefused(k, g, "expired", () => k.invoke(g, "svc", "basic"));
    expect(k.authenticateGrant(env.result.token)).toBeUndefined();
  });

  it("revocation takes effect on the next call", async () => {
    const k = await economy();
    const env = k.createGrant("alice", { spend: 100 });
    if (!env.success) throw new Error(env.error.message);
    const g = { principal: "alice", grant: env.result.grant.id };
    expect(k.invoke(g, "svc", "premium").success).toBe(true);
    k.revokeGrant("alice", g.grant);
    expectRefused(k, g, "revoked", () => k.invoke(g, "svc", "basic"));
    expect(k.authenticateGrant(env.result.token)).toBeUndefined();
  });

  it("confirmAbove refuses a larger spend unless confirmed, with the amount", async () => {
    const k = await economy();
    const g = grant(k, { spend: 100, confirmAbove: 10 });
    const env = expectRefused(k, g, "confirmation_required", () => k.invoke(g, "svc", "premium"));
    expect(env).toMatchObject({ error: { details: { grant: { amount: 20, limit: 10 } } } });
    expect(k.invoke(g, "genesis_ledger", "transfer", ["bob", 10]).success).toBe(true);
    expect(k.invoke({ ...g, confirmed: true }, "svc", "premium").success).toBe(true);
    expect(spentOf(k, g.grant)).toBe(30);
  });

  it("is refused to anyone but its principal, and keeps actor as the principal", async () => {
    const k = await economy();
    const g = grant(k, { spend: 100 });
    expect(k.invoke({ ...g, principal: "bob" }, "svc", "premium")).toMatchObject({
      error: { code: "not_authorized", details: { grant: { reason: "unknown" } } },
    });
    expect(k.invoke({ ...g, grant: "grant_tx999" }, "svc", "basic")).toMatchObject({
      error: { details: { grant: { reason: "unknown" } } },
    });
    const ok = k.invoke(g, "svc", "premium");
    if (!ok.success) throw new Error(ok.error.message);
    expect(ok.events.every((e) => e.actor === "alice" || e.actor === "svc")).toBe(true);
    expect(ok.events.find((e) => e.type === "scrip.transferred")?.actor).toBe("alice");
    expect(allJournal(k).at(-1)).toMatchObject({
      origin: "alice",
      params: { grant: { id: g.grant } },
    });
  });
});

describe("replay of grant-limited calls", () => {
  it("reproduces every outcome, refusals included, exactly", async () => {
    const clock = { now: T0 };
    const k = await economy(clock);
    const g = grant(k, {
      spend: 30,
      perCall: 25,
      confirmAbove: 15,
      targets: ["svc", "genesis_ledger"],
    });
    k.invoke(g, "svc", "premium");
    k.invoke({ ...g, confirmed: true }, "svc", "premium");
    k.invoke(g, "svc", "pool", [], { value: 10 });
    k.invoke(g, "genesis_ledger", "transfer", ["bob", 26]);
    k.invoke(g, "ctr", "inc", [1]);
    clock.now += 5;
    const e = k.createGrant("alice", { spend: 5, expiresAt: T0 + 10, readOnly: true });
    const h = { principal: "alice", grant: e.success ? e.result.grant.id : "" };
    k.read(h, "doc");
    k.read(h, "doc");
    clock.now += 10;
    k.read(h, "doc");
    k.revokeGrant("alice", g.grant);
    k.invoke(g, "svc", "basic");
    const records = allJournal(k);
    const refused = records.filter((r) => !r.outcome.success && r.params.grant !== undefined);
    expect(refused.length).toBeGreaterThanOrEqual(5);
    const report = await replay(records, { runtime: await sharedRuntime() });
    expect(report).toMatchObject({ success: true, result: { identical: true } });
  });
});
