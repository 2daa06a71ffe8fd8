import { beforeEach, describe, expect, it } from "vitest";
import type { Kernel } from "../kernel.js";
import {
  COUNTER,
  contract,
  fingerprint,
  mustDeploy,
  SERVICE,
  THIEF,
  testKernel,
} from "../test-fixtures/contracts.js";

let k: Kernel;

beforeEach(async () => {
  k = await testKernel({ limits: { compute: 200_000 } });
  k.createPrincipal("alice", { scrip: 100 });
  k.createPrincipal("bob", { scrip: 100 });
  mustDeploy(k, "alice", "counter", COUNTER, [5]);
  mustDeploy(k, "alice", "thief", THIEF);
  mustDeploy(k, "alice", "svc", SERVICE);
});

describe("contract context", () => {
  it("runs init with its args and persists state only on success", () => {
    expect(k.getArtifact("counter")?.state).toEqual({ count: 5 });
    const again = k.deploy("alice", { code: COUNTER, args: [1] });
    expect(again).toMatchObject({ success: true, result: { id: "c1" } });
    expect(again.success && again.cost.compute).toBeGreaterThan(0);
    expect(k.invoke("bob", "counter", "inc", [2])).toMatchObject({ success: true, result: 7 });
    expect(k.invoke("bob", "counter", "crash", [])).toMatchObject({
      success: false,
      error: { code: "contract_error", message: "crashed on purpose" },
    });
    expect(k.getArtifact("counter")?.state).toEqual({ count: 7 });
  });

  it("maps ctx.fail codes, refusing kernel-only codes", () => {
    expect(k.invoke("bob", "counter", "fail", ["conflict", "taken"])).toMatchObject({
      success: false,
      error: { code: "conflict", message: "taken" },
    });
    expect(k.invoke("bob", "counter", "fail", ["internal", "x"])).toMatchObject({
      success: false,
      error: { code: "contract_error", details: { claimedCode: "internal" } },
    });
    expect(k.invoke("bob", "counter", "fail", ["made_up", "x"])).toMatchObject({
      success: false,
      error: { code: "contract_error", details: { claimedCode: "made_up" } },
    });
  });

  it("reports where contract code threw, in the contract's own lines", () => {
    const env = k.invoke("bob", "counter", "fail", ["conflict", "taken"]);
    expect(!env.success && env.error.at).toEqual({
      file: "counter.js",
      line: 5,
      column: expect.any(Number),
    });
  });

  it("fails views that change state or transfer", () => {
    const before = fingerprint(k);
    expect(k.invoke("bob", "counter", "sneaky", [])).toMatchObject({
      success: false,
      error: { code: "invalid_state" },
    });
    k.mint("counter", 5);
    const funded = fingerprint(k);
    expect(k.invoke("bob", "counter", "sneakyTransfer", ["bob"])).toMatchObject({
      success: false,
      error: { code: "invalid_state" },
    });
    expect(fingerprint(k)).toBe(funded);
    expect(before).not.toBe(funded);
  });

  it("ends runaway code with out_of_compute and rolls back", () => {
    expect(k.invoke("bob", "counter", "spin", [])).toMatchObject({
      success: false,
      error: { code: "out_of_compute" },
    });
    expect(k.getArtifact("counter")?.state).toEqual({ count: 5 });
  });

  it("spends only the contract's own wallet through genesis_ledger", () => {
    const env = k.invoke("bob", "thief", "viaLedger", ["alice", 50]);
    expect(env).toMatchObject({
      success: true,
      result: { success: false, error: { code: "insufficient_funds" } },
    });
    expect(k.balance("alice")).toBe(100);
    expect(k.balance("bob")).toBe(100);
  });

  it("cannot take ownership of what it does not own", () => {
    k.write("bob", "doc", 1);
    expect(k.invoke("bob", "thief", "takeOwnership", ["doc"])).toMatchObject({
      success: false,
      error: { code: "not_authorized" },
    });
    expect(k.getArtifact("doc")?.owner).toBe("bob");
  });

  it("attaches value with a trailing withValue-shaped option, from its own wallet only", () => {
    expect(k.invoke("bob", "thief", "forward", ["svc", "pool", [], 5])).toMatchObject({
      success: true,
      result: { success: false, error: { code: "insufficient_funds" } },
    });
    k.mint("thief", 10);
    expect(k.invoke("bob", "thief", "forward", ["svc", "pool", [], 5])).toMatchObject({
      success: true,
      result: { success: true, result: { value: 5, balance: 5 } },
    });
    expect(k.balance("thief")).toBe(5);
    expect(k.balance("svc")).toBe(5);
    k.checkInvariants();
  });

  it("gives a deterministic ctx.random and a fixed ctx.now per transaction", async () => {
    const a = k.invoke("bob", "thief", "rnd", []);
    const other = await testKernel({ limits: { compute: 200_000 } });
    other.createPrincipal("alice", { scrip: 100 });
    other.createPrincipal("bob", { scrip: 100 });
    mustDeploy(other, "alice", "counter", COUNTER, [5]);
    mustDeploy(other, "alice", "thief", THIEF);
    mustDeploy(other, "alice", "svc", SERVICE);
    const b = other.invoke("bob", "thief", "rnd", []);
    expect(a.success && b.success).toBe(true);
    expect(a.success && a.result).toEqual(b.success && b.result);
    const [r1, r2, now] = (a.success ? a.result : []) as number[];
    expect(r1).not.toBe(r2);
    expect(r1).toBeGreaterThanOrEqual(0);
    expect(r1).toBeLessThan(1);
    expect(now).toBe(1_700_000_000_000);
    expect(a.success && b.success && a.events.map((e) => e.hash)).toEqual(
      b.success && b.events.map((e) => e.hash),
    );
  });

  it("queries discovery and history from inside a contract", () => {
    const code = contract(
      `module.exports = { default: { methods: {
        look(ctx) { return { mine: ctx.query("artifacts", { owner: ctx.owner }).map(function (a) { return a.id; }), evts: ctx.events({ types: ["artifact.created"], limit: 2 }).events.length }; },
        badQuery(ctx) { try { ctx.query("nope"); } catch (e) { return e.code; } },
      } } };`,
      { methods: { look: 0, badQuery: 0 } },
    );
    mustDeploy(k, "alice", "looker", code);
    expect(k.invoke("bob", "looker", "look", [])).toMatchObject({
      success: true,
      result: { mine: ["counter", "looker", "svc", "thief"], evts: 2 },
    });
    expect(k.invoke("bob", "looker", "badQuery", [])).toMatchObject({
      success: true,
      result: "invalid_argument",
    });
  });

  it("lets init fail the whole deploy", () => {
    const failing = contract(
      `module.exports = { default: { init(ctx) { ctx.fail("invalid_argument", "no"); }, methods: {} } };`,
      { methods: {} },
    );
    const before = fingerprint(k);
    expect(k.deploy("alice", { id: "bad", code: failing })).toMatchObject({
      success: false,
      error: { code: "invalid_argument", message: "no" },
    });
    expect(k.getArtifact("bad")).toBeUndefined();
    expect(fingerprint(k)).toBe(before);
  });

  it("refuses a program that does not define a manifest method", () => {
    const liar = contract(`module.exports = { default: { methods: {} } };`, {
      methods: { ghost: 0 },
    });
    mustDeploy(k, "alice", "liar", liar);
    expect(k.invoke("bob", "liar", "ghost", [])).toMatchObject({
      success: false,
      error: { code: "contract_error" },
    });
  });

  it("refuses oversized results, state and event data, rolling back", async () => {
    const big = await testKernel({
      limits: { maxResultBytes: 100, maxStateBytes: 100, maxEventBytes: 100 },
    });
    big.createPrincipal("alice", { scrip: 10 });
    const code = contract(
      `module.exports = { default: { methods: {
        result(ctx) { return "x".repeat(200); },
        state(ctx) { ctx.state.blob = "x".repeat(200); },
        event(ctx) { ctx.emit("big", { blob: "x".repeat(200) }); },
      } } };`,
      { methods: { result: 0, state: 0, event: 0 } },
    );
    mustDeploy(big, "alice", "big", code);
    const before = fingerprint(big);
    expect(big.invoke("alice", "big", "result", [])).toMatchObject({
      success: false,
      error: { code: "contract_error" },
    });
    expect(big.invoke("alice", "big", "state", [])).toMatchObject({
      success: false,
      error: { code: "invalid_state" },
    });
    expect(big.invoke("alice", "big", "event", [])).toMatchObject({
      success: false,
      error: { code: "invalid_argument" },
    });
    expect(fingerprint(big)).toBe(before);
  });

  it("sees its own events within the transaction, and loses them when rolled back", () => {
    const code = contract(
      `module.exports = { default: { methods: {
        noteAndRead(ctx, fail) {
          ctx.emit("note", { n: 1 });
          var seen = ctx.events({ types: ["contract.note"] }).events.length;
          if (fail) throw new Error("after reading");
          return seen;
        },
        outer(ctx) { var env = ctx.invoke(ctx.self, "noteAndRead", true); return [env.success, ctx.events({ types: ["contract.note"] }).events.length]; },
      } } };`,
      { methods: { noteAndRead: 1, outer: 0 }, reentrant: true },
    );
    mustDeploy(k, "alice", "notes", code);
    expect(k.invoke("bob", "notes", "noteAndRead", [false])).toMatchObject({
      success: true,
      result: 1,
    });
    expect(k.invoke("bob", "notes", "outer", [])).toMatchObject({
      success: true,
      result: [false, 1],
    });
    expect(k.invoke("bob", "notes", "noteAndRead", [true])).toMatchObject({ success: false });
    const notes = k.events({ types: ["contract.note"] });
    expect(notes.success && notes.result.events.length).toBe(1);
    expect(k.verifyLog()).toMatchObject({ ok: true });
  });

  it("keeps the caller's earlier events when a callee that read the log is rolled back", () => {
    const code = contract(
      `module.exports = { default: { methods: {
        readThenFail(ctx) { ctx.emit("inner", {}); ctx.events({ types: ["contract.outer"] }); throw new Error("no"); },
        outer(ctx) { ctx.emit("outer", {}); var env = ctx.invoke(ctx.self, "readThenFail"); ctx.emit("after", {}); return env.success; },
      } } };`,
      { methods: { readThenFail: 0, outer: 0 }, reentrant: true },
    );
    mustDeploy(k, "alice", "flusher", code);
    expect(k.invoke("bob", "flusher", "outer", [])).toMatchObject({ success: true, result: false });
    const types = k.events({ types: ["contract.outer", "contract.inner", "contract.after"] });
    expect(types.success && types.result.events.map((e) => e.type)).toEqual([
      "contract.outer",
      "contract.after",
    ]);
    expect(k.verifyLog()).toMatchObject({ ok: true });
  });
});
