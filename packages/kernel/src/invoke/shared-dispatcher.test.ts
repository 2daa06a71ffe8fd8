import { beforeEach, describe, expect, it } from "vitest";
import type { Kernel } from "../kernel.js";
import { contract, mustDeploy, testKernel } from "../test-fixtures/contracts.js";

// The dispatcher is evaluated once per sandbox and serves every run of the contract (ADR 0044).
// This contract tries, in one invoke, to reach and tamper with whatever the dispatcher shares
// between runs, and looks for traces of it in the next invokes, which run in the same sandbox.
const TAMPER = contract(
  `var attempt = function (done, name, f) { try { f(); done.push(name); } catch (e) {} };
var failureOf = function (f) { try { f(); } catch (e) { return e; } return null; };
module.exports = { default: {
  methods: {
    tamper: function (ctx) {
      var done = [];
      var me = this;
      attempt(done, "this", function () { me.leak = 1; });
      attempt(done, "global", function () { globalThis.leak = 1; });
      attempt(done, "Object.prototype", function () { Object.prototype.leak = 1; });
      attempt(done, "note getter", function () {
        Object.defineProperty(Object.prototype, "__ecologyFail", { get: function () { return { kind: "refusal" }; } });
      });
      attempt(done, "Function.prototype", function () { Object.getPrototypeOf(ctx.fail).leak = 1; });
      attempt(done, "Function.prototype.apply", function () { Function.prototype.apply = function () { return 0; }; });
      attempt(done, "Object.assign", function () { Object.assign = function (t) { return t; }; });
      attempt(done, "Object.hasOwn", function () { Object.hasOwn = function () { return true; }; });
      attempt(done, "Array.isArray", function () { Array.isArray = function () { return false; }; });
      attempt(done, "Proxy", function () { globalThis.Proxy = function (t) { return t; }; });
      attempt(done, "WeakMap.prototype.get", function () { WeakMap.prototype.get = function () { return 1; }; });
      attempt(done, "String", function () { globalThis.String = function () { return "forged"; }; });
      attempt(done, "ctx.random", function () { ctx.random.leak = 1; });
      // What the dispatcher hands out: ctx, its methods, the errors it throws.
      attempt(done, "ctx.transfer.leak", function () { ctx.transfer.leak = 1; });
      var fail = failureOf(function () { ctx.fail("conflict", "x"); });
      attempt(done, "fail error", function () { fail.leak = 1; fail.__ecologyFail.kind = "refusal"; });
      attempt(done, "Error.prototype", function () { Object.getPrototypeOf(fail).leak = 1; });
      attempt(done, "note prototype", function () { Object.getPrototypeOf(fail.__ecologyFail).leak = 1; });
      var refusal = failureOf(function () { ctx.transfer("nobody", 1e9); });
      attempt(done, "refusal error", function () { refusal.leak = 1; refusal.__ecologyFail.kind = "call"; });
      attempt(done, "stamp ctx.fail", function () {
        class Base { constructor(o) { return o; } }
        class Stamp extends Base { #kept = [ctx]; }
        new Stamp(ctx.fail);
      });
      attempt(done, "ctx.fail replaced", function () { ctx.fail = function () { return 0; }; });
      attempt(done, "ctx.emit wrapped", function () {
        var emit = ctx.emit; ctx.emit = function (n, d) { return emit("wrapped", d); };
      });
      return done;
    },
    observe: function (ctx) {
      var fail = failureOf(function () { ctx.fail("conflict", "taken"); });
      var refusal = failureOf(function () { ctx.transfer("nobody", 1e9); });
      return {
        thisValue: this === undefined ? "undefined" : typeof this,
        global: typeof globalThis.leak,
        objectProto: typeof ({}).leak,
        fnProto: typeof ctx.fail.leak,
        transfer: typeof ctx.transfer.leak,
        random: typeof ctx.random.leak,
        errorProto: typeof new Error("e").leak,
        ctxKeys: Object.keys(ctx).join(","),
        fail: [fail.name, fail.code, fail.leak === undefined, fail.__ecologyFail.kind],
        refusal: [refusal.name, refusal.code, refusal.leak === undefined, refusal.__ecologyFail.kind],
        intrinsics: [typeof Object.assign({ a: 1 }, { b: 2 }).b, Object.hasOwn({}, "x"), Array.isArray([]), String(1)],
      };
    },
    fails: function (ctx) { ctx.fail("conflict", "taken"); },
    emits: function (ctx) { ctx.emit("seen", { n: 1 }); return ctx.state; },
  },
  views: {
    write: function (ctx) { ctx.state.n = 1; return 0; },
  },
} };`,
  { methods: { tamper: 0, observe: 0, fails: 0, emits: 0 }, views: { write: 0 } },
);

const CLEAN = {
  thisValue: "undefined",
  global: "undefined",
  objectProto: "undefined",
  fnProto: "undefined",
  transfer: "undefined",
  random: "undefined",
  errorProto: "undefined",
  ctxKeys:
    "self,owner,caller,origin,value,now,state,balance,transfer,invoke,call,read,write,transferOwnership,query,events,emit,random,fail",
  fail: ["ContractError", "conflict", true, "fail"],
  refusal: ["KernelRefusal", "not_found", true, "refusal"],
  intrinsics: ["number", false, true, "1"],
};

let k: Kernel;
beforeEach(async () => {
  k = await testKernel();
  k.createPrincipal("alice", { scrip: 100 });
  mustDeploy(k, "alice", "tamper", TAMPER);
});

/** What an invoke's outcome shows of the run: its result and compute units, or its error. */
function outcome(method: string) {
  const env = k.invoke("alice", "tamper", method, []);
  return env.success ? { result: env.result, compute: env.cost.compute } : { error: env.error };
}

function tamper(): string[] {
  const env = k.invoke("alice", "tamper", "tamper", []);
  if (!env.success) throw new Error(`tamper failed: ${env.error.message}`);
  return env.result as string[];
}

describe("the dispatcher shared by a sandbox's runs (ADR 0044)", () => {
  it("lets a contract change only what belongs to its own run", () => {
    // Everything shared is frozen; what a run may change is made for that run.
    expect(tamper()).toEqual([
      "ctx.transfer.leak",
      "fail error",
      "refusal error",
      "stamp ctx.fail",
      "ctx.fail replaced",
      "ctx.emit wrapped",
    ]);
  });

  it("shows the next run nothing of a run's tampering", () => {
    const before = outcome("observe");
    expect(before.result).toEqual(CLEAN);
    for (let i = 0; i < 3; i++) {
      tamper();
      expect(outcome("observe")).toEqual(before);
    }
  });

  it("keeps failures, positions, events and read-only views right after tampering", () => {
    const fresh = { fails: outcome("fails"), write: outcome("write") };
    tamper();
    expect(outcome("fails")).toEqual(fresh.fails);
    const line = TAMPER.js.split("\n").findIndex((l) => l.includes("fails: function")) + 1;
    expect(fresh.fails.error).toMatchObject({
      code: "conflict",
      message: "taken",
      at: { file: "tamper.js", line },
    });
    expect(outcome("write")).toEqual(fresh.write);
    expect(fresh.write.error).toMatchObject({ code: "invalid_state" });
    tamper();
    expect(k.invoke("alice", "tamper", "emits", [])).toMatchObject({ success: true });
    const page = k.events({ artifact: "tamper" });
    const types = page.success ? page.result.events.map((e) => e.type) : [page.error.code];
    expect(types.filter((t) => t.startsWith("contract."))).toEqual(["contract.seen"]);
  });
});
