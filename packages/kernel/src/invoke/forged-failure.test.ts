import { beforeEach, describe, expect, it } from "vitest";
import type { Kernel } from "../kernel.js";
import { COUNTER, contract, mustDeploy, testKernel } from "../test-fixtures/contracts.js";
import type { Envelope, KernelEvent } from "../types.js";

/** A contract throwing hand-made kernel failure notes, and one rethrowing genuine ones. */
const FORGER = contract(
  `function forged(note) { var e = new Error("forged"); e.__ecologyFail = note; return e; }
  module.exports = { default: { methods: {
    refusal(ctx, code) { throw forged({ kind: "refusal", error: { code: code, message: "forged" } }); },
    call(ctx) {
      throw forged({ kind: "call", error: { code: "not_authorized", message: "forged",
        details: { fake: true }, path: [{ artifact: "genesis_ledger", method: "transfer" }] } });
    },
    fail(ctx) { throw forged({ kind: "fail", code: "conflict", message: "forged", details: { fake: true } }); },
    failKernelCode(ctx) { throw forged({ kind: "fail", code: "out_of_compute", message: "forged" }); },
    tampered(ctx) {
      try { ctx.call("counter", "fail", "conflict", "real"); }
      catch (e) { e.__ecologyFail.error.code = "out_of_compute"; throw e; }
    },
    rethrowCall(ctx) {
      try { ctx.call("counter", "fail", "conflict", "real"); } catch (e) { throw e; }
    },
    rethrowRefusal(ctx) {
      try { ctx.read("nowhere"); } catch (e) { throw e; }
    },
    rethrowStale(ctx, n) {
      var first;
      try { ctx.read("missing_first"); } catch (e) { first = e; }
      for (var i = 0; i < n; i++) { try { ctx.read("missing_" + i); } catch (e) {} }
      throw first;
    },
    relay(ctx, target, method) { return ctx.call(target, method, "out_of_compute"); },
  }, views: {
    peek(ctx) { throw forged({ kind: "refusal", error: { code: "timeout", message: "forged" } }); },
  } } };`,
  {
    methods: {
      refusal: 1,
      call: 0,
      fail: 0,
      failKernelCode: 0,
      tampered: 0,
      rethrowCall: 0,
      rethrowRefusal: 0,
      rethrowStale: 1,
      relay: 2,
    },
    views: { peek: 0 },
  },
);

/** A contract whose init forges a kernel failure. */
const FORGING_INIT = contract(
  `module.exports = { default: {
    init(ctx) { var e = new Error("forged"); e.__ecologyFail = { kind: "refusal", error: { code: "depth_exceeded", message: "forged" } }; throw e; },
    methods: {},
  } };`,
  { methods: {}, init: 0 },
);

let k: Kernel;

beforeEach(async () => {
  k = await testKernel();
  k.createPrincipal("alice", { scrip: 100 });
  mustDeploy(k, "alice", "counter", COUNTER, [0]);
  mustDeploy(k, "alice", "forger", FORGER);
  mustDeploy(k, "alice", "forger2", FORGER);
});

function lastFailure(): KernelEvent | undefined {
  const page = k.events({ types: ["invoke.failed"] });
  return page.success ? page.result.events.at(-1) : undefined;
}

function errorOf(env: Envelope) {
  if (env.success) throw new Error("expected a failure");
  return env.error;
}

const OWN_PATH = (method: string) => [{ artifact: "forger", method }];

describe("forged kernel failures", () => {
  it.each(["out_of_compute", "pwned_code", "internal"])(
    "a forged %s refusal becomes an honest contract_error",
    (code) => {
      const error = errorOf(k.invoke("alice", "forger", "refusal", [code]));
      expect(error).toMatchObject({ code: "contract_error", message: "forged" });
      expect(error.path).toEqual(OWN_PATH("refusal"));
      expect(lastFailure()?.data).toMatchObject({
        code: "contract_error",
        path: OWN_PATH("refusal"),
      });
    },
  );

  it("a forged nested-call failure keeps neither its code, its path nor its details", () => {
    const error = errorOf(k.invoke("alice", "forger", "call", []));
    expect(error.code).toBe("contract_error");
    expect(error.path).toEqual(OWN_PATH("call"));
    expect(error.details?.fake).toBeUndefined();
    expect(lastFailure()?.data).toMatchObject({ code: "contract_error", path: OWN_PATH("call") });
  });

  it("a forged ctx.fail note gets its contract code but not its invented details", () => {
    const error = errorOf(k.invoke("alice", "forger", "fail", []));
    expect(error).toMatchObject({ code: "conflict", message: "forged" });
    expect(error.details?.fake).toBeUndefined();
    expect(errorOf(k.invoke("alice", "forger", "failKernelCode", []))).toMatchObject({
      code: "contract_error",
      details: { claimedCode: "out_of_compute" },
    });
  });

  it("a genuine nested failure whose note was tampered with is not trusted", () => {
    const error = errorOf(k.invoke("alice", "forger", "tampered", []));
    expect(error.code).toBe("contract_error");
    expect(error.path).toEqual(OWN_PATH("tampered"));
  });

  it("a genuine nested failure or kernel refusal can still be rethrown unchanged", () => {
    expect(errorOf(k.invoke("alice", "forger", "rethrowCall", []))).toMatchObject({
      code: "conflict",
      message: "real",
      path: [
        { artifact: "forger", method: "rethrowCall" },
        { artifact: "counter", method: "fail" },
      ],
    });
    expect(errorOf(k.invoke("alice", "forger", "rethrowRefusal", []))).toMatchObject({
      code: "not_found",
      path: OWN_PATH("rethrowRefusal"),
    });
  });

  it("a forged failure one level down is honest at the caller too", () => {
    const error = errorOf(k.invoke("alice", "forger", "relay", ["forger2", "refusal"]));
    expect(error.code).toBe("contract_error");
    expect(error.path).toEqual([
      { artifact: "forger", method: "relay" },
      { artifact: "forger2", method: "refusal" },
    ]);
  });

  it("a forged failure in a view or an init is honest too", () => {
    expect(errorOf(k.invoke("alice", "forger", "peek", []))).toMatchObject({
      code: "contract_error",
      path: OWN_PATH("peek"),
    });
    expect(errorOf(k.deploy("alice", { id: "bad", code: FORGING_INIT }))).toMatchObject({
      code: "contract_error",
      message: "forged",
    });
  });

  it("remembers only a frame's recent failures: a stale one rethrown is the contract's own", () => {
    expect(errorOf(k.invoke("alice", "forger", "rethrowStale", [10]))).toMatchObject({
      code: "not_found",
    });
    expect(errorOf(k.invoke("alice", "forger", "rethrowStale", [300]))).toMatchObject({
      code: "contract_error",
      path: OWN_PATH("rethrowStale"),
    });
  });
});
