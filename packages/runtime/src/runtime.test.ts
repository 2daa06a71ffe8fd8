import { describe, expect, it } from "vitest";
import { RunAbort, RuntimeError } from "./errors.js";
import { useSharedRuntime } from "./test-fixtures/shared-runtime.js";

const shared = useSharedRuntime();

const ADDER = `
let calls = 0;
module.exports.add = (input, host) => {
  calls++;
  return { sum: input.a + input.b + host.bonus(input.a), calls };
};
module.exports.plain = (input) => input;
`;

describe("Program.run", () => {
  it("returns the entry's JSON result and the compute units spent", () => {
    const program = shared.runtime.load({ id: "adder", code: ADDER });
    const result = program.run("add", { a: 1, b: 2 }, { host: { bonus: (a) => Number(a) * 10 } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toEqual({ sum: 13, calls: 1 });
    expect(result.compute).toBeGreaterThan(0);
  });

  it("gives every run a fresh module instance", () => {
    const program = shared.runtime.load({ id: "adder", code: ADDER });
    const host = { bonus: () => 0 };
    const first = program.run("add", { a: 1, b: 1 }, { host });
    const second = program.run("add", { a: 1, b: 1 }, { host });
    expect(first).toEqual(second);
  });

  it("charges the same units for the same program and input", () => {
    const program = shared.runtime.load({ id: "adder", code: ADDER });
    const host = { bonus: () => 1 };
    const units = new Set(
      Array.from({ length: 5 }, () => program.run("add", { a: 2, b: 3 }, { host }).compute),
    );
    expect(units.size).toBe(1);
  });

  it("caches programs by id", () => {
    expect(shared.runtime.load({ id: "adder", code: ADDER })).toBe(
      shared.runtime.load({ id: "adder", code: ADDER }),
    );
  });

  it("fails with invalid_value when the entry is missing a JSON result", () => {
    const program = shared.runtime.load({
      id: "fn-out",
      code: "module.exports.f = () => () => 1;",
    });
    const result = program.run("f", null);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe("invalid_value");
  });

  it("throws RuntimeError when an id is reused for different code", () => {
    shared.runtime.load({ id: "adder", code: ADDER });
    expect(() => shared.runtime.load({ id: "adder", code: `${ADDER}\n// changed` })).toThrow(
      expect.objectContaining({ code: "invalid_state" }) as RuntimeError,
    );
  });

  it("throws RuntimeError for a program that does not parse", () => {
    expect(() => shared.runtime.load({ id: "bad", code: "module.exports = {" })).toThrow(
      RuntimeError,
    );
  });

  it("throws RuntimeError for a stack limit above 256 KiB", () => {
    const program = shared.runtime.load({ id: "adder", code: ADDER });
    expect(() => program.run("plain", 1, { limits: { stackBytes: 512 * 1024 } })).toThrow(
      RuntimeError,
    );
  });
});

describe("host functions", () => {
  const CALLER = `module.exports.call = (input, host) => {
    try { return host.inner(input); } catch (e) { return "caught: " + e.message; }
  };`;

  it("turns a host Error into a catchable sandbox error", () => {
    const program = shared.runtime.load({ id: "caller", code: CALLER });
    const result = program.run("call", 1, {
      host: {
        inner: () => {
          throw new Error("nope");
        },
      },
    });
    expect(result).toMatchObject({ ok: true, value: "caught: nope" });
  });

  it("ends the whole run when a host function throws RunAbort", () => {
    const program = shared.runtime.load({ id: "caller", code: CALLER });
    const result = program.run("call", 1, {
      host: {
        inner: () => {
          throw new RunAbort("out_of_compute", "caller has no gas");
        },
      },
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: "out_of_compute", message: "caller has no gas" },
    });
  });

  it("runs another program from inside a host function and adds its units", () => {
    const inner = shared.runtime.load({ id: "adder", code: ADDER });
    const outer = shared.runtime.load({ id: "caller", code: CALLER });
    const alone = inner.run("plain", 5).compute;
    const result = outer.run("call", 5, {
      host: {
        inner: (x) => {
          const r = inner.run("plain", x ?? null);
          return r.ok ? r.value : r.error.code;
        },
      },
    });
    expect(result).toMatchObject({ ok: true, value: 5 });
    const own = outer.run("call", 5, { host: { inner: (x) => x } }).compute;
    expect(result.compute).toBe(own + alone);
  });

  it("re-enters the same program while the outer run is suspended", () => {
    const program = shared.runtime.load({ id: "caller", code: CALLER });
    const result = program.run("call", 1, {
      host: {
        inner: () => {
          const nested = program.run("call", 2, { host: { inner: (x) => x } });
          return nested.ok ? nested.value : null;
        },
      },
    });
    expect(result).toMatchObject({ ok: true, value: 2 });
  });
});

describe("host function results", () => {
  const ECHO =
    "module.exports.f = (input, host) => { const v = host.get(); return [typeof v, v === undefined ? 'undefined' : v]; };";
  const cases: [string, unknown, unknown][] = [
    ["a number", 42.5, ["number", 42.5]],
    ["a boolean", false, ["boolean", false]],
    ["null", null, ["object", null]],
    ["undefined", undefined, ["undefined", "undefined"]],
    ["a string", "s", ["string", "s"]],
    ["an object", { a: [1] }, ["object", { a: [1] }]],
    ["NaN (as JSON null)", Number.NaN, ["object", null]],
  ];
  it("turns a non-JSON host result (a Promise) into a catchable error", () => {
    const program = shared.runtime.load({
      id: "promise-host",
      code: "module.exports.f = (input, host) => { try { host.get(); return 'no'; } catch (e) { return e.message; } };",
    });
    const result = program.run("f", null, { host: { get: () => Promise.resolve(1) as never } });
    expect(result).toMatchObject({
      ok: true,
      value: "host function 'get' returned a non-JSON value",
    });
  });

  for (const [what, value, expected] of cases) {
    it(`passes ${what} back into the sandbox`, () => {
      const program = shared.runtime.load({ id: "echo-host", code: ECHO });
      const result = program.run("f", null, { host: { get: () => value as never } });
      expect(result).toMatchObject({ ok: true, value: expected });
    });
  }
});
