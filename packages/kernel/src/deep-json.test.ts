import { describe, expect, it } from "vitest";
import { COUNTER, contract, mustDeploy, testKernel } from "./test-fixtures/contracts.js";
import type { ContractCode, Envelope, JsonValue } from "./types.js";

function nested(depth: number, leaf: JsonValue = 1): JsonValue {
  let v: JsonValue = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? { a: v } : [v];
  return v;
}

/** Returns or stores values nested as deep as asked (built inside the sandbox). */
const DEEP = contract(
  `function deep(n) { var d = 1; for (var i = 0; i < n; i++) d = [d]; return d; }
  module.exports = { default: { methods: {
    result(ctx, n) { return deep(n); },
    store(ctx, n) { ctx.state.deep = deep(n); },
  } } };`,
  { methods: { result: 1, store: 1 } },
);

function expectDepthRefusal(env: Envelope, code = "invalid_argument", levels = 64): void {
  expect(env).toMatchObject({ success: false, error: { code } });
  expect(!env.success && env.error.message).toContain(`nested deeper than ${levels} levels`);
}

describe("deeply nested JSON", () => {
  it("is refused with invalid_argument at every kernel entry point, at any depth", async () => {
    const k = await testKernel();
    k.createPrincipal("alice", { scrip: 10 });
    mustDeploy(k, "alice", "counter", COUNTER, [0]);
    for (const depth of [65, 2_500, 200_000]) {
      const deep = nested(depth);
      expectDepthRefusal(k.invoke("alice", "counter", "inc", [deep]));
      expectDepthRefusal(k.write("alice", "doc", deep));
      expectDepthRefusal(k.write("alice", "doc", 1, { metadata: { m: deep } }));
      expectDepthRefusal(k.deploy("alice", { code: COUNTER, args: [deep] }));
      const policy = { allowRead: deep, methodPrices: { inc: deep } } as never;
      expect(k.write("alice", "doc", 1, { policy })).toMatchObject({
        error: { code: "invalid_argument" },
      });
      expect(k.setPolicy("alice", "counter", policy)).toMatchObject({
        error: { code: "invalid_argument" },
      });
      const schema = nested(depth, {}) as { [key: string]: JsonValue };
      const code: ContractCode = {
        ...COUNTER,
        manifest: {
          ...COUNTER.manifest,
          methods: [{ name: "inc", kind: "method", params: [{ name: "by", type: "x", schema }] }],
        },
      };
      expect(k.deploy("alice", { code })).toMatchObject({ error: { code: "invalid_argument" } });
    }
    expect(k.getArtifact("doc")).toBeUndefined();
    k.close();
  });

  it("accepts 64 levels and honours a configured limit", async () => {
    const k = await testKernel({ limits: { maxJsonDepth: 4 } });
    k.createPrincipal("alice", { scrip: 10 });
    expect(k.write("alice", "ok", nested(4)).success).toBe(true);
    expect(k.write("alice", "no", nested(5))).toMatchObject({
      error: { code: "invalid_argument", message: "content is nested deeper than 4 levels" },
    });
    k.close();
    const dflt = await testKernel();
    dflt.createPrincipal("alice", { scrip: 10 });
    expect(dflt.write("alice", "ok", nested(64)).success).toBe(true);
    dflt.close();
  });

  it("is refused when a contract returns or stores it", async () => {
    const k = await testKernel();
    k.createPrincipal("alice", { scrip: 10 });
    mustDeploy(k, "alice", "deep", DEEP);
    expect(k.invoke("alice", "deep", "result", [64]).success).toBe(true);
    // Past the kernel's 64 levels the kernel refuses; past the sandbox boundary's 256 the runtime
    // already does (ADR 0020), so either way it is a coded failure and nothing is stored.
    expectDepthRefusal(k.invoke("alice", "deep", "result", [100]), "contract_error");
    expectDepthRefusal(k.invoke("alice", "deep", "store", [100]), "invalid_state");
    expectDepthRefusal(k.invoke("alice", "deep", "result", [2_000]), "contract_error", 256);
    const stored = k.invoke("alice", "deep", "store", [2_000]);
    expect(stored).toMatchObject({ success: false });
    expect(!stored.success && stored.error.message).toMatch(/nested deeper than 256 levels/);
    expect(k.getArtifact("deep")?.state).toEqual({});
    k.close();
  });
});
