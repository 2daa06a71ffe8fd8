import type { QuickJSContext, QuickJSWASMModule } from "quickjs-emscripten-core";
import { beforeAll, describe, expect, it } from "vitest";
import { DirectHostCalls } from "./direct-host-calls.js";
import { RunAbort } from "./errors.js";
import type { HostReply } from "./host-bridge.js";
import { loadQuickJs } from "./quickjs.js";
import { createRuntime } from "./runtime.js";
import { useSharedRuntime } from "./test-fixtures/shared-runtime.js";
import { expectNoLeaks } from "./testing.js";
import type { HostApi, JsonValue } from "./types.js";

let module: QuickJSWASMModule;
beforeAll(async () => {
  module = await loadQuickJs();
});
const shared = useSharedRuntime();

/** Evaluates `code` with a global `raw` routed through the direct path to `reply`. */
function withDirect(reply: (args: string | undefined) => HostReply, code: string): unknown {
  const rt = module.newRuntime();
  const ctx: QuickJSContext = rt.newContext();
  try {
    const direct = DirectHostCalls.install(module, ctx);
    if (direct === undefined) throw new Error("direct path not installed");
    const raw = direct.newFunction("raw", reply);
    ctx.setProp(ctx.global, "raw", raw);
    raw.dispose();
    const generic = ctx.newFunction("generic", () => ctx.newString("generic"));
    ctx.setProp(ctx.global, "generic", generic);
    generic.dispose();
    const result = ctx.unwrapResult(ctx.evalCode(code));
    // dump() crosses objects as JSON: undefined array items read back as null.
    const value = ctx.dump(result);
    result.dispose();
    return value;
  } finally {
    ctx.dispose();
    rt.dispose();
  }
}

describe("DirectHostCalls", () => {
  it("installs on the pinned quickjs-emscripten-core (else host calls silently slow down)", () => {
    const rt = module.newRuntime();
    const ctx = rt.newContext();
    try {
      expect(DirectHostCalls.install(module, ctx)).toBeInstanceOf(DirectHostCalls);
    } finally {
      ctx.dispose();
      rt.dispose();
    }
  });

  it("passes the argument string and returns each kind of reply as a QuickJS value", () => {
    const seen: (string | undefined)[] = [];
    const replies: HostReply[] = ['{"a":[1,"é"]}', 42.5, true, false, null, undefined];
    let i = 0;
    const value = withDirect((args) => {
      seen.push(args);
      return replies[i++];
    }, `[raw("x"), raw("ünï"), raw("3"), raw(""), raw("n"), raw("u"), raw()]`);
    expect(value).toEqual(['{"a":[1,"é"]}', 42.5, true, false, null, null, null]);
    expect(seen).toEqual(["x", "ünï", "3", "", "n", "u", undefined]);
  });

  it("throws an error reply as a catchable Error with its name and message", () => {
    const value = withDirect(
      () => ({ error: { name: "RunAbort", message: "no gas" } }),
      `(() => { try { raw("x"); return "not thrown"; } catch (e) { return [e instanceof Error, e.name, e.message]; } })()`,
    );
    expect(value).toEqual([true, "RunAbort", "no gas"]);
  });

  it("turns a host-side bug into a sandbox error instead of undefined", () => {
    const value = withDirect(() => {
      throw new TypeError("boom");
    }, `(() => { try { return raw("x"); } catch (e) { return e.message; } })()`);
    expect(value).toBe("boom");
  });

  it("leaves other host functions of the context on the generic path", () => {
    expect(withDirect(() => 1, `[generic(), raw("x")]`)).toEqual(["generic", 1]);
  });

  it("calls a function with strings, numbers and handles, and returns its text or what it threw", () => {
    const rt = module.newRuntime();
    const ctx = rt.newContext();
    const direct = DirectHostCalls.install(module, ctx);
    try {
      if (direct === undefined) throw new Error("direct path not installed");
      const fn = ctx.unwrapResult(
        ctx.evalCode(
          `(function (s, n, o) { if (n < 0) throw new RangeError(s); return s + "|" + (n + 1) + "|" + o.k; })`,
        ),
      );
      const obj = ctx.unwrapResult(ctx.evalCode(`({ k: "ünï" })`));
      expect(direct.callForString(fn, ["é", 41.5, obj])).toEqual({ text: "é|42.5|ünï" });
      const thrown = direct.callForString(fn, ["too low", -1, obj]);
      if (!("error" in thrown)) throw new Error("expected a throw");
      expect(ctx.dump(thrown.error)).toMatchObject({ name: "RangeError", message: "too low" });
      thrown.error.dispose();
      expect(() => direct.callForString(fn, Array(17).fill(1))).toThrow(RangeError);
      fn.dispose();
      obj.dispose();
    } finally {
      direct?.dispose();
      ctx.dispose();
      rt.dispose();
    }
  });
});

describe("host calls with object arguments and results", () => {
  const CODE = `module.exports.pay = (input, host) => host.pay(...input.args);`;
  const host: HostApi = {
    pay: (...args) => ({ ok: true, args: args as JsonValue[] }),
  };

  it("round-trips one object, several arguments, no argument and undefined as JSON", () => {
    const program = shared.runtime.load({ id: "direct-args", code: CODE });
    const run = (args: JsonValue) => program.run("pay", { args }, { host });
    expect(run([{ to: "bob", amount: 5 }])).toMatchObject({
      ok: true,
      value: { ok: true, args: [{ to: "bob", amount: 5 }] },
    });
    expect(run(["a", 1, null, true])).toMatchObject({ value: { args: ["a", 1, null, true] } });
    expect(run([])).toMatchObject({ value: { args: [] } });
    const undef = program.run("pay", { args: [] }, { host: { pay: (...a) => a.length } });
    expect(undef).toMatchObject({ ok: true, value: 0 });
  });

  it("charges the same units for one argument as the array form did (100 + bytes/16 + 1 + bytes/16)", () => {
    const program = shared.runtime.load({
      id: "direct-units",
      code: `module.exports.a = (input, host) => host.f(input.x);
module.exports.b = (input, host) => { host.f(input.x); return 0; };`,
    });
    const fHost: HostApi = { f: () => ({ ok: true, balance: 95 }) };
    const small = program.run("b", { x: "s" }, { host: fHost });
    const big = program.run("b", { x: "s".repeat(160) }, { host: fHost });
    expect(small.ok && big.ok).toBe(true);
    // '["s"]' is 5 bytes (0 units) and the 160-character string adds 160 bytes (10 units), on
    // the input's charge (same 160 bytes) and on the arguments' charge.
    expect(big.compute - small.compute).toBe(20);
  });

  it("keeps the strict JSON checks for a single argument: class instances, NaN, functions, cycles", () => {
    const program = shared.runtime.load({
      id: "direct-strict",
      code: `class C { constructor() { this.a = 1; } }
module.exports.f = (input, host) => {
  const cyclic = {}; cyclic.self = cyclic;
  const out = [];
  for (const v of [new C(), NaN, () => 1, cyclic, { n: Infinity }, { toJSON() { return new C(); } }]) {
    try { host.f(v); out.push("passed"); } catch (e) { out.push(e instanceof TypeError); }
  }
  out.push(host.f({ toJSON() { return { via: "toJSON" }; } }));
  out.push(host.f(undefined));
  return out;
};`,
    });
    const result = program.run("f", null, { host: { f: (...args) => args as JsonValue } });
    expect(result).toMatchObject({
      ok: true,
      value: [true, true, true, true, true, true, [{ via: "toJSON" }], [null]],
    });
  });
});

describe("host calls on the generic path (fallback when the direct one cannot install)", () => {
  it("cross JSON, throw catchable errors and abort runs as on the direct path", async () => {
    const generic = await createRuntime();
    try {
      const code = `module.exports.f = (input, host) => {
  let caught = "";
  try { host.fail(); } catch (e) { caught = e.message; }
  return { paid: host.pay({ to: "bob", amount: 5 }), n: host.n("a"), t: host.t(), s: host.s(), caught };
};
module.exports.abort = (input, host) => { try { host.abort(); } catch { return "caught"; } };`;
      const host: HostApi = {
        pay: () => ({ ok: true, balance: 95 }),
        n: () => 7,
        t: () => true,
        s: () => "text",
        fail: () => {
          throw new Error("declined");
        },
        abort: () => {
          throw new RunAbort("out_of_compute", "no gas");
        },
      };
      DirectHostCalls.enabled = false; // sandboxes are built at load
      const viaGeneric = generic.load({ id: "fallback", code });
      DirectHostCalls.enabled = true;
      const viaDirect = shared.runtime.load({ id: "fallback", code });
      type Inside = { sandbox: { directHostCalls: boolean } };
      expect((viaGeneric as unknown as Inside).sandbox.directHostCalls).toBe(false);
      expect((viaDirect as unknown as Inside).sandbox.directHostCalls).toBe(true);
      const expected = {
        ok: true,
        value: { paid: { ok: true, balance: 95 }, n: 7, t: true, s: "text", caught: "declined" },
      };
      const a = viaGeneric.run("f", null, { host });
      const b = viaDirect.run("f", null, { host });
      expect(a).toMatchObject(expected);
      expect(b).toMatchObject(expected);
      expect(a.compute).toBe(b.compute);
      expect(viaGeneric.run("abort", null, { host })).toMatchObject({
        ok: false,
        error: { code: "out_of_compute" },
      });
      expectNoLeaks(generic);
    } finally {
      DirectHostCalls.enabled = true;
      generic.dispose();
    }
  });
});
