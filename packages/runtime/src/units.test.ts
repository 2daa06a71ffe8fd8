import { describe, expect, it } from "vitest";
import { HOSTILE_CASES } from "./test-fixtures/hostile-programs.js";
import { useSharedRuntime } from "./test-fixtures/shared-runtime.js";
import type { HostApi, JsonValue } from "./types.js";

const shared = useSharedRuntime();

/**
 * Compute units are part of what a replay must reproduce, on any machine and across versions of
 * the runtime. Besides the instrumentation, they depend on the sandbox's own code: its explicit
 * charges, and the stack its frames take below a program's (QuickJS allocates interpreted
 * frames on the C stack, so a run that overflows spends units in proportion to how deep it got).
 * These figures were measured before the sandbox's code moved into `src/sandbox-js/` and must
 * not change unless a change of units is the point.
 */
const host: HostApi = {
  b: (q) => ({ v: (q as { k: number }).k, tags: (q as { tags: JsonValue }).tags }),
  n: () => 1,
  two: (a) => a ?? null,
  echo: (v) => ((v as { list: unknown[] }).list.length as number) ?? null,
};
const PROGRAMS: [string, string, JsonValue, number][] = [
  [
    "JSON round trips, an allow-list and flat",
    `const a = []; for (let k = 0; k < 300; k++) a.push({ k, s: "x".repeat(k % 17), n: [k, [k]] });
     const t = JSON.stringify(a, null, 2);
     return [t.length, JSON.parse(t).length, JSON.stringify(a, ["k"]).length, [[1, [2, [3]]]].flat(5)];`,
    null,
    10288,
  ],
  [
    "600 host calls with objects, strings and two arguments",
    `let s = 0; for (let k = 0; k < 200; k++) s += host.b({ id: "a", k, tags: ["x", k] }).v + host.n("s" + k) + host.two(k, [k]);
     return s;`,
    null,
    70430,
  ],
  [
    "classes with private fields (the guard on every instance)",
    `class A { #x = 1; get x() { return this.#x; } } class B extends A { #y = 2; get y() { return this.#y; } }
     let s = 0; for (let i = 0; i < 1000; i++) { const b = new B(); s += b.x + b.y; } return s;`,
    null,
    43049,
  ],
  [
    "metered builtins",
    `return ["ab".repeat(1000).length, "x".padStart(500).length, [1, 2, 3].join("-".repeat(10)),
      new Array(100).fill(0).length, [[1, 2], [3]].toLocaleString()];`,
    null,
    238,
  ],
  [
    "a value nested too deep for JSON.stringify",
    `let v = []; for (let i = 0; i < 300; i++) v = [v];
     try { JSON.stringify(v); } catch (e) { return [e.name, e.message]; }`,
    null,
    4303,
  ],
  ["a large host-call argument", "return host.echo(input);", { list: bigList() }, 5599],
];

function bigList(): JsonValue[] {
  return Array.from({ length: 2000 }, (_, k) => ({ k, s: `é${k}` }));
}

describe("compute units", () => {
  for (const [what, body, input, units] of PROGRAMS) {
    it(`of ${what} are ${units}`, () => {
      const program = shared.runtime.load({
        id: `units:${what}`,
        code: `module.exports.f = (input, host) => { ${body} };`,
      });
      expect(program.run("f", input, { host })).toMatchObject({ ok: true, compute: units });
    });
  }

  const overflows: [string, number][] = [
    ["deep recursion", 16330],
    ["recursion that catches the overflow and retries", 12758],
    ["recursion that retries from finally", 12755],
    ["a getter that reads itself", 10513],
  ];
  for (const [name, units] of overflows) {
    it(`of a run that overflows the stack (${name}) are ${units}`, () => {
      const hostile = HOSTILE_CASES.find((c) => c.name === name);
      if (hostile === undefined) throw new Error(`no hostile case named ${name}`);
      const program = shared.runtime.load({
        id: `units:${name}`,
        code: `let runs = 0;\nmodule.exports.attack = (input, host) => { runs++; ${hostile.attack}\n};`,
      });
      const result = program.run("attack", (hostile.input ?? null) as JsonValue, hostile.options);
      expect(result).toMatchObject({
        ok: false,
        error: { code: "stack_overflow" },
        compute: units,
      });
    });
  }

  it("of a nested run that overflows the stack below a host call are 18583 (18731 in all)", () => {
    const inner = shared.runtime.load({
      id: "units:nested-inner",
      code: `module.exports.g = () => {
        const f = (n) => { try { return f(n + 1) + 1; } catch (e) { return f(n + 1); } };
        return f(0);
      };`,
    });
    const outer = shared.runtime.load({
      id: "units:nested-outer",
      code: `module.exports.f = (input, host) => {
        const a = JSON.stringify({ x: [1, 2] });
        return [a.length, host.inner({ deep: true })];
      };`,
    });
    const nested = {
      inner: () => {
        const r = inner.run("g", null);
        return r.ok ? "ok" : `${r.error.code}:${r.compute}`;
      },
    };
    expect(outer.run("f", null, { host: nested })).toEqual({
      ok: true,
      value: [11, "stack_overflow:18583"],
      compute: 18731,
    });
  });
});
