import { beforeAll, describe, expect, it } from "vitest";
import type { RuntimeError } from "./errors.js";
import { HOSTILE_CASES } from "./test-fixtures/hostile-programs.js";
import { useSharedRuntime } from "./test-fixtures/shared-runtime.js";
import type { JsonValue } from "./types.js";

const shared = useSharedRuntime();

const HEALTHY = `
module.exports.healthy = () => ({
  runs,
  proto: Object.getOwnPropertyNames(Object.prototype).length,
  random: Math.random(),
  sum: [1, 2, 3].map((x) => x * 2).reduce((a, b) => a + b, 0),
});`;

function source(attack: string, readBack = "return null;"): string {
  return `let runs = 0;\nmodule.exports.attack = (input, host) => { runs++; ${attack}\n};
module.exports.readBack = (input, host) => { ${readBack}\n};${HEALTHY}`;
}

describe("hostile corpus", () => {
  let baseline: JsonValue;
  beforeAll(() => {
    const result = shared.runtime
      .load({ id: "baseline", code: source("return 1;") })
      .run("healthy", null);
    if (!result.ok) throw new Error("baseline failed");
    baseline = result.value;
  });

  it("has at least 30 programs", () => {
    expect(HOSTILE_CASES.length).toBeGreaterThanOrEqual(30);
  });

  for (const hostile of HOSTILE_CASES) {
    it(`ends "${hostile.name}" with ${hostile.expect} and stays healthy`, () => {
      const code = source(hostile.attack, hostile.readBack);
      const program = shared.runtime.load({ id: `hostile:${hostile.name}`, code });
      const result = program.run("attack", (hostile.input ?? null) as JsonValue, hostile.options);
      expect(result.ok ? "ok" : result.error.code, JSON.stringify(result).slice(0, 300)).toBe(
        hostile.expect,
      );
      hostile.check?.(result);
      // A later run finds nothing the attack left behind (it must end on memory, not the
      // deadline, even on a loaded machine).
      const host = hostile.options?.host ?? {};
      const limits = { deadlineMs: 20_000 };
      expect(program.run("readBack", null, { host, limits })).toMatchObject({
        ok: true,
        value: null,
      });
      // The next run of the same program, and of another one, are unaffected.
      expect(program.run("healthy", null)).toMatchObject({ ok: true, value: baseline });
      const other = shared.runtime.load({ id: "baseline", code: source("return 1;") });
      expect(other.run("healthy", null)).toMatchObject({ ok: true, value: baseline });
      expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain("polluted");
    });
  }
});

describe("programs refused at load", () => {
  const refused: [string, string][] = [
    ["async functions", "module.exports.f = async () => 1;"],
    ["dynamic import()", 'module.exports.f = () => import("fs");'],
    ["the runtime's reserved identifiers", "module.exports.f = () => __eco$c(-1e9);"],
    [
      "the runtime's reserved private names",
      "class B {} class A extends B { #__eco$s = 1; } module.exports.f = () => new A();",
    ],
    ["code that breaks out of the module wrapper", "}}); (function(){"],
  ];
  for (const [what, code] of refused) {
    it(`refuses ${what} with invalid_program`, () => {
      expect(() => shared.runtime.load({ id: `refused:${what}`, code })).toThrow(
        expect.objectContaining({ code: "invalid_program" }) as RuntimeError,
      );
    });
  }
});

describe("hostile exports", () => {
  it("meters an exports getter that never returns", () => {
    const program = shared.runtime.load({
      id: "hostile:exports-getter",
      code: "module.exports = { get attack() { for (;;) {} } };",
    });
    const result = program.run("attack", null, { limits: { compute: 100_000 } });
    expect(result).toMatchObject({ ok: false, error: { code: "out_of_compute" } });
  });

  it("meters a module body that never finishes", () => {
    const program = shared.runtime.load({ id: "hostile:module-body", code: "for (;;) {}" });
    const result = program.run("attack", null, { limits: { compute: 100_000 } });
    expect(result).toMatchObject({ ok: false, error: { code: "out_of_compute" } });
  });
});
