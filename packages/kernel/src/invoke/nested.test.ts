import { beforeEach, describe, expect, it } from "vitest";
import type { Kernel } from "../kernel.js";
import {
  fingerprint,
  LINK,
  mustDeploy,
  REENTRANT_LINK,
  testKernel,
} from "../test-fixtures/contracts.js";
import type { JsonValue } from "../types.js";

let k: Kernel;

beforeEach(async () => {
  k = await testKernel();
  k.createPrincipal("alice", { scrip: 100 });
  k.createPrincipal("owner", { scrip: 0 });
  for (const id of ["A", "B", "C"]) mustDeploy(k, "owner", id, LINK, [], { invokePrice: 1 });
  k.mint("A", 10);
  k.mint("B", 10);
  k.mint("C", 10);
});

function hits(id: string): JsonValue {
  return k.getArtifact(id)?.state ?? null;
}

/** A → B → C where C pays, writes, then throws; B catches or rethrows. */
function chain(mode: "catch" | "rethrow") {
  const cPlan = { pay: { to: "alice", amount: 3 }, write: "c-note", throw: true };
  const bPlan = { pay: { to: "alice", amount: 2 }, mode, next: { target: "C", plan: cPlan } };
  const aPlan = { pay: { to: "alice", amount: 1 }, next: { target: "B", plan: bPlan } };
  return k.invoke("alice", "A", "run", [aPlan]);
}

describe("nested invoke", () => {
  it("keeps B's effects and undoes C's (price included) when B catches C's failure", () => {
    const env = chain("catch");
    expect(env).toMatchObject({ success: true, result: { caught: "contract_error" } });
    const path = env.success ? (env.result as { path: JsonValue }).path : null;
    expect(path).toEqual([
      { artifact: "A", method: "run" },
      { artifact: "B", method: "run" },
      { artifact: "C", method: "run" },
    ]);
    expect(hits("A")).toEqual({ hits: 1 });
    expect(hits("B")).toEqual({ hits: 1 });
    expect(hits("C")).toEqual({});
    expect(k.getArtifact("c-note")).toBeUndefined();
    // alice: -1 price(A) +1 (A pays) +2 (B pays); B paid C's price 1 and it came back
    expect(k.balance("alice")).toBe(100 - 1 + 1 + 2);
    expect(k.balance("A")).toBe(10 - 1 - 1);
    expect(k.balance("B")).toBe(10 - 2);
    expect(k.balance("C")).toBe(10);
    expect(k.balance("owner")).toBe(2);
    const types = env.success ? env.events.map((e) => `${e.type}:${e.target ?? ""}`) : [];
    expect(types.filter((t) => t.startsWith("contract.hit"))).toEqual([
      "contract.hit:A",
      "contract.hit:B",
    ]);
    expect(types).toContain("invoke.failed:C");
    k.checkInvariants();
  });

  it("leaves nothing of A, B or C when B rethrows", () => {
    const before = fingerprint(k);
    const env = chain("rethrow");
    expect(env).toMatchObject({
      success: false,
      error: {
        code: "contract_error",
        message: "boom at C",
        path: [{ artifact: "A" }, { artifact: "B" }, { artifact: "C" }],
      },
    });
    expect(!env.success && env.error.at?.line).toBeGreaterThan(0);
    expect(fingerprint(k)).toBe(before);
    const failed = k.events({ types: ["invoke.failed"] });
    expect(failed.success && failed.result.events.map((e) => e.target)).toEqual(["C", "B", "A"]);
    expect(k.verifyLog()).toMatchObject({ ok: true });
  });

  it("refuses A → B → A unless A declares reentrant", () => {
    const plan = { next: { target: "B", plan: { next: { target: "A", plan: {} } } } };
    expect(k.invoke("alice", "A", "run", [plan])).toMatchObject({
      success: false,
      error: {
        code: "reentrancy",
        path: [{ artifact: "A" }, { artifact: "B" }, { artifact: "A" }],
      },
    });
    mustDeploy(k, "owner", "R", REENTRANT_LINK);
    k.mint("R", 5);
    k.mint("B", 5);
    const ok = { next: { target: "B", plan: { next: { target: "R", plan: {} } } } };
    expect(k.invoke("alice", "R", "run", [ok])).toMatchObject({ success: true, result: "R" });
    // Both frames of R count: the outer one sees what the inner one committed (ADR 0018).
    expect(hits("R")).toEqual({ hits: 2 });
  });

  it("fails with depth_exceeded beyond maxDepth", async () => {
    const deep = await testKernel({ limits: { maxDepth: 4 } });
    deep.createPrincipal("alice", { scrip: 1 });
    mustDeploy(deep, "alice", "R", REENTRANT_LINK);
    expect(deep.invoke("alice", "R", "down", [3])).toMatchObject({ success: true, result: "R" });
    expect(deep.invoke("alice", "R", "down", [4])).toMatchObject({
      success: false,
      error: { code: "depth_exceeded" },
    });
    expect(k.invoke("alice", "A", "down", [0])).toMatchObject({ success: true });
  });

  it("allows the default depth of 8", async () => {
    mustDeploy(k, "owner", "R", REENTRANT_LINK);
    expect(k.invoke("alice", "R", "down", [7])).toMatchObject({ success: true });
    expect(k.invoke("alice", "R", "down", [8])).toMatchObject({
      success: false,
      error: { code: "depth_exceeded" },
    });
  });

  it("runs nested calls into contracts whose state is over the runtime's default input size", async () => {
    const { contract } = await import("../test-fixtures/contracts.js");
    const big = contract(
      `module.exports = { default: {
        init: (ctx) => ({ blob: "x".repeat(300000) }),
        methods: { size(ctx) { ctx.state.n = (ctx.state.n || 0) + 1; return ctx.state.blob.length; } },
      } };`,
      { methods: { size: 0 } },
    );
    mustDeploy(k, "owner", "big", big);
    mustDeploy(k, "owner", "K", (await import("../test-fixtures/contracts.js")).KEEPER, ["x", []]);
    expect(k.invoke("alice", "K", "relay", ["big", "size", []])).toMatchObject({
      success: true,
      result: { success: true, result: 300000 },
    });
  });
});
