import { SourceMapGenerator } from "source-map-js";
import { describe, expect, it } from "vitest";
import { RunAbort, RuntimeError } from "./errors.js";
import { createRuntime, runtimeStats } from "./runtime.js";
import { useSharedRuntime } from "./test-fixtures/shared-runtime.js";
import { expectNoLeaks, leakReport } from "./testing.js";
import type { JsonValue, RunResult } from "./types.js";

const shared = useSharedRuntime();

const COUNTER = `
let runs = 0;
module.exports.bump = (input, host) => { runs++; return host.call ? { runs, inner: host.call(input) } : { runs }; };
module.exports.spin = () => { for (;;) {} };
module.exports.random = (input, host) => {
  const before = [Math.random(), Math.random()];
  const inner = host.call ? host.call(null) : null;
  return { before, after: Math.random(), inner };
};
module.exports.trivial = () => 1;
`;

function okValue(result: RunResult): JsonValue {
  if (!result.ok) throw new Error(`run failed: ${JSON.stringify(result.error)}`);
  return result.value;
}

describe("source maps", () => {
  it("maps the throw position and stack back to the original file", () => {
    const code = [
      '"use strict";',
      "function check(x) {",
      '  if (x < 0) throw new Error("negative");',
      "  return x;",
      "}",
      "module.exports.run = (input) => check(input);",
    ].join("\n");
    const map = new SourceMapGenerator({ file: "out.js" });
    const lines = code.split("\n");
    lines.forEach((text, index) => {
      for (let column = 0; column < text.length; column++) {
        map.addMapping({
          generated: { line: index + 1, column },
          original: { line: (index + 1) * 10, column },
          source: "src/contract.ts",
        });
      }
    });
    const program = shared.runtime.load({ id: "mapped", code, sourceMap: map.toString() });
    const result = program.run("run", -1);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("thrown");
    expect(result.error.value).toEqual({ name: "Error", message: "negative" });
    expect(result.error.at).toMatchObject({ file: "src/contract.ts", line: 30 });
    const throwColumn = (lines[2] as string).indexOf("Error(") + 1;
    expect(result.error.at?.column).toBeGreaterThanOrEqual(throwColumn);
    expect(result.error.stack).toContain("check (src/contract.ts:30:");
    expect(result.error.stack).toContain("(src/contract.ts:60:");
    expect(result.error.stack).not.toContain("<ecology");
  });

  it("reports positions in the compiled code when there is no source map", () => {
    // QuickJS places a throw of a constructed error at the call's parenthesis.
    const program = shared.runtime.load({
      id: "unmapped",
      filename: "bundle.js",
      code: 'module.exports.run = () => {\n  for (let i = 0; i < 2; i++) {}\n  throw new TypeError("x");\n};',
    });
    const result = program.run("run", null);
    expect(result).toMatchObject({
      ok: false,
      error: { code: "thrown", at: { file: "bundle.js", line: 3, column: 22 } },
    });
  });
});

describe("nested runs", () => {
  it("draw on the outer run's remaining budget", () => {
    const program = shared.runtime.load({ id: "counter", code: COUNTER });
    const inner: RunResult[] = [];
    const result = program.run("bump", null, {
      limits: { compute: 50_000 },
      host: {
        call: () => {
          const r = program.run("spin", null);
          inner.push(r);
          return r.ok ? "ok" : r.error.code;
        },
      },
    });
    expect(inner[0]).toMatchObject({ ok: false, error: { code: "out_of_compute" } });
    expect(inner[0]?.compute).toBeLessThan(50_000);
    expect(result).toMatchObject({ ok: false, error: { code: "out_of_compute" }, compute: 50_000 });
  });

  it("let the outer run continue when a nested run with its own limit fails", () => {
    const program = shared.runtime.load({ id: "counter", code: COUNTER });
    const result = program.run("bump", null, {
      host: {
        call: () => {
          const r = program.run("spin", null, { limits: { compute: 1_000 } });
          return r.ok ? "ok" : r.error.code;
        },
      },
    });
    expect(okValue(result)).toEqual({ runs: 1, inner: "out_of_compute" });
    expect(result.compute).toBeGreaterThan(1_000);
  });

  it("let the outer run continue when a nested host function aborts", () => {
    const program = shared.runtime.load({ id: "counter", code: COUNTER });
    const result = program.run("bump", 1, {
      host: {
        call: (x) => {
          const r = program.run("bump", x ?? null, {
            host: {
              call: () => {
                throw new RunAbort("out_of_memory", "policy");
              },
            },
          });
          return r.ok ? "ok" : r.error.code;
        },
      },
    });
    expect(okValue(result)).toEqual({ runs: 1, inner: "out_of_memory" });
  });

  it("give a reentrant run a fresh module instance (A → B → A)", () => {
    const a = shared.runtime.load({ id: "counter", code: COUNTER });
    const b = shared.runtime.load({ id: "counter-b", code: COUNTER });
    const result = a.run("bump", null, {
      host: {
        call: () =>
          okValue(b.run("bump", null, { host: { call: () => okValue(a.run("bump", null)) } })),
      },
    });
    expect(okValue(result)).toEqual({ runs: 1, inner: { runs: 1, inner: { runs: 1 } } });
  });

  it("do not disturb the outer run's random sequence", () => {
    const program = shared.runtime.load({ id: "counter", code: COUNTER });
    const alone = okValue(program.run("random", null, { seed: "s" })) as { after: number };
    const nested = okValue(
      program.run("random", null, {
        seed: "s",
        host: { call: () => okValue(program.run("random", null, { seed: "other" })) },
      }),
    ) as { after: number };
    expect(nested.after).toBe(alone.after);
  });

  it("inherit the outer deadline", () => {
    const program = shared.runtime.load({ id: "counter", code: COUNTER });
    const result = program.run("bump", null, {
      limits: { deadlineMs: 50, compute: 1e12 },
      host: {
        call: () => {
          const r = program.run("spin", null, { limits: { deadlineMs: 60_000, compute: 1e12 } });
          return r.ok ? "ok" : r.error.code;
        },
      },
    });
    expect(result).toMatchObject({ ok: false, error: { code: "timeout" } });
  });
});

describe("host bugs", () => {
  it("end the run when a host function misuses the API (RuntimeError is not catchable)", () => {
    const program = shared.runtime.load({
      id: "catcher",
      code: "module.exports.f = (input, host) => { try { host.misuse(); } catch (e) { return 'caught'; } };",
    });
    const result = program.run("f", null, {
      host: {
        misuse: () => {
          program.run("f", null, { limits: { stackBytes: 1024 * 1024 } });
          return null;
        },
      },
    });
    expect(result).toMatchObject({ ok: false, error: { code: "thrown" } });
    if (!result.ok) expect(result.error.message).toContain("stackBytes");
  });
});

describe("determinism", () => {
  it("charges the same units in another runtime", async () => {
    const other = await createRuntime();
    try {
      const input = { n: [1, 2, 3] };
      const here = shared.runtime.load({ id: "counter", code: COUNTER }).run("bump", input);
      const there = other.load({ id: "counter", code: COUNTER }).run("bump", input);
      expect(here.compute).toBe(there.compute);
    } finally {
      other.dispose();
      expectNoLeaks(other);
    }
  });

  it("charges a trivial method more than zero units", () => {
    const result = shared.runtime.load({ id: "counter", code: COUNTER }).run("trivial", null);
    expect(result.compute).toBeGreaterThan(0);
  });

  it("replays Math.random from the seed and varies it between seeds", () => {
    const program = shared.runtime.load({ id: "counter", code: COUNTER });
    const first = okValue(program.run("random", null, { seed: "a" }));
    expect(okValue(program.run("random", null, { seed: "a" }))).toEqual(first);
    expect(okValue(program.run("random", null, { seed: "b" }))).not.toEqual(first);
  });
});

describe("limits", () => {
  const RECURSE =
    "module.exports.depth = (n) => { const r = (d) => (d > 0 ? r(d - 1) + 1 : 0); return r(n); };";

  it("applies a smaller stack per run", () => {
    const program = shared.runtime.load({ id: "recurse", code: RECURSE });
    expect(program.run("depth", 400)).toMatchObject({ ok: true, value: 400 });
    expect(program.run("depth", 400, { limits: { stackBytes: 16 * 1024 } })).toMatchObject({
      ok: false,
      error: { code: "stack_overflow" },
    });
    expect(program.run("depth", 400)).toMatchObject({ ok: true, value: 400 });
  });

  it("rejects non-JSON input with invalid_value", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const program = shared.runtime.load({ id: "recurse", code: RECURSE });
    expect(program.run("depth", cyclic as JsonValue)).toMatchObject({
      ok: false,
      error: { code: "invalid_value" },
      compute: 0,
    });
  });

  it("throws RuntimeError for a non-positive limit", () => {
    const program = shared.runtime.load({ id: "recurse", code: RECURSE });
    expect(() => program.run("depth", 1, { limits: { compute: 0 } })).toThrow(RuntimeError);
  });
});

describe("programs", () => {
  it("keep working after the warm-sandbox cache evicts them", async () => {
    const small = await createRuntime({ cacheSize: 2 });
    try {
      const programs = ["a", "b", "c"].map((id) => small.load({ id, code: COUNTER }));
      expect(runtimeStats(small).warmSandboxes).toBe(2);
      for (const program of programs) {
        expect(okValue(program.run("bump", null))).toEqual({ runs: 1 });
      }
      expect(runtimeStats(small).warmSandboxes).toBe(2);
    } finally {
      small.dispose();
      expectNoLeaks(small);
    }
  });

  it("never evict a program whose run is suspended", async () => {
    const tiny = await createRuntime({ cacheSize: 1 });
    try {
      const outer = tiny.load({ id: "outer", code: COUNTER });
      const result = outer.run("bump", null, {
        host: {
          call: () => okValue(tiny.load({ id: "inner", code: COUNTER }).run("bump", null)),
        },
      });
      expect(okValue(result)).toEqual({ runs: 1, inner: { runs: 1 } });
      expect(okValue(outer.run("bump", null))).toEqual({ runs: 1 });
    } finally {
      tiny.dispose();
      expectNoLeaks(tiny);
    }
  });

  it("throw RuntimeError when run after dispose", () => {
    const program = shared.runtime.load({ id: "disposable", code: COUNTER });
    program.dispose();
    expect(() => program.run("trivial", null)).toThrow(
      expect.objectContaining({ code: "disposed" }) as RuntimeError,
    );
    expect(shared.runtime.load({ id: "disposable", code: COUNTER })).not.toBe(program);
  });

  it("are all disposed with their runtime", async () => {
    const owned = await createRuntime();
    owned.load({ id: "x", code: COUNTER }).run("trivial", null);
    expect(leakReport(owned).runtimeSandboxes).toBe(1);
    owned.dispose();
    expect(leakReport(owned)).toMatchObject({ runtimeSandboxes: 0, runtimeHandles: 0 });
    expect(() => owned.load({ id: "y", code: COUNTER })).toThrow(RuntimeError);
  });

  it("report an unknown entry as a thrown TypeError", () => {
    const result = shared.runtime.load({ id: "counter", code: COUNTER }).run("nope", null);
    expect(result).toMatchObject({
      ok: false,
      error: { code: "thrown", value: { name: "TypeError" } },
    });
  });

  it("let error subclasses set their own name on frozen intrinsics", () => {
    const program = shared.runtime.load({
      id: "subclass",
      code: 'class E extends Error { constructor(m) { super(m); this.name = "E"; } }\nmodule.exports.f = () => { throw new E("boom"); };',
    });
    expect(program.run("f", null)).toMatchObject({
      ok: false,
      error: { code: "thrown", value: { name: "E", message: "boom" } },
    });
  });
});

describe("expectNoLeaks", () => {
  it("fails while a run is still active", () => {
    const program = shared.runtime.load({ id: "counter", code: COUNTER });
    let failure: unknown;
    program.run("bump", null, {
      host: {
        call: () => {
          try {
            expectNoLeaks(shared.runtime);
          } catch (error) {
            failure = error;
          }
          return null;
        },
      },
    });
    expect(String(failure)).toContain("runs still active");
  });
});

describe("thrown values without a stack", () => {
  it("carry the position where they were first thrown", () => {
    const program = shared.runtime.load({
      id: "plain-throw",
      filename: "plain.js",
      code: [
        "function fail(code) {",
        '  throw { ecologyFail: true, code, message: "refused" };',
        "}",
        "module.exports.f = () => {",
        '  try { fail("no_funds"); } catch (e) { throw e; }',
        "};",
      ].join("\n"),
    });
    const result = program.run("f", null);
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: "thrown",
        value: { ecologyFail: true, code: "no_funds", message: "refused" },
        at: { file: "plain.js", line: 2, column: 9 },
      },
    });
    if (!result.ok) expect(result.error.stack).toContain("(plain.js:5:");
  });
});

describe("Runtime.dispose", () => {
  it("refuses to dispose while one of its programs runs", async () => {
    const owned = await createRuntime();
    const program = owned.load({ id: "x", code: COUNTER });
    let refused: unknown;
    program.run("bump", null, {
      host: {
        call: () => {
          try {
            owned.dispose();
          } catch (error) {
            refused = error;
          }
          return null;
        },
      },
    });
    expect(refused).toMatchObject({ code: "invalid_state" });
    owned.dispose();
    expectNoLeaks(owned);
  });
});

describe("instrumented syntax", () => {
  it("keeps the meaning of tricky constructs", () => {
    const code = `
      class Base { constructor(v) { this.v = v; } }
      class C extends Base { #p = 2; static s = 3; constructor() { super(1); } get p() { return this.#p; } }
      function* gen() { yield* [1, 2]; }
      module.exports.f = () => {
        const out = [];
        const obj = ((a) => ({ a }))(1);
        out.push(obj.a);
        outer: for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) { if (j === 1) continue outer; out.push(i * 10 + j); }
        let k = 0; do k++; while (k < 3); out.push(k);
        for (const x of gen()) out.push(x);
        for (const key in { a: 1, b: 2 }) out.push(key);
        try { null.x; } catch { out.push("caught"); } finally { out.push("finally"); }
        try { throw { code: 7 }; } catch ({ code }) { out.push(code); }
        const c = new C(); out.push(c.v, c.p, C.s);
        out.push([3, 1, 2].sort((a, b) => a - b).join(""));
        if (k) while (k > 0) k--; else out.push("never");
        out.push(k);
        return out;
      };`;
    const result = shared.runtime.load({ id: "tricky", code }).run("f", null);
    expect(result).toMatchObject({
      ok: true,
      value: [1, 0, 10, 20, 3, 1, 2, "a", "b", "caught", "finally", 7, 1, 2, 3, "123", 0],
    });
  });
});
