import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "./limits.js";
import { useSharedRuntime } from "./test-fixtures/shared-runtime.js";
import { expectNoLeaks } from "./testing.js";
import type { HostApi, JsonValue, Program } from "./types.js";

// Issue 13 item 11: values nested ~10 000 deep overflowed the host stack inside QuickJS's C
// recursion (JSON, flat), a fatal WebAssembly error for every sandbox of the process.
const DEEP = 100_000;
const LIMIT = DEFAULT_LIMITS.maxJsonDepth;

const CODE = `
const nest = (n) => { let v = 1; for (let i = 0; i < n; i++) v = [v]; return v; };
const nestObject = (n) => { let v = 1; for (let i = 0; i < n; i++) v = { v }; return v; };
module.exports.result = (input) => nest(input.n);
module.exports.state = (input) => ({ state: nestObject(input.n), result: 1 });
module.exports.throwDeep = (input) => { throw nest(input.n); };
module.exports.hostArg = (input, host) => host.take(nest(input.n));
module.exports.hostArgs = (input, host) => host.take(1, nest(input.n));
module.exports.hostResult = (input, host) => { try { return host.give(input.n); } catch (e) { return "caught: " + e.message; } };
module.exports.inside = (input) => {
  const deep = nest(input.n);
  const attempts = {
    stringify: () => JSON.stringify(deep),
    parse: () => JSON.parse("[".repeat(input.n) + "]".repeat(input.n)),
    flat: () => deep.flat(Infinity),
    toLocaleString: () => deep.toLocaleString(),
    iterators: () => { let it = [1].values(); for (let i = 0; i < input.n; i++) it = it.map((x) => x); return it.next().value; },
  };
  return attempts[input.what]();
};
module.exports.echo = (input) => input;
`;

function nest(n: number): JsonValue {
  let value: JsonValue = 1;
  for (let i = 0; i < n; i++) value = [value];
  return value;
}

const host: HostApi = {
  take: () => "taken",
  give: (n) => nest(Number(n)),
};

const shared = useSharedRuntime();
let program: Program;
beforeAll(() => {
  program = shared.runtime.load({ id: "deep", code: CODE });
});
afterEach(() => {
  // Leaks first, as before the healthy run below could mask them (the fixture checks again).
  expectNoLeaks(shared.runtime);
  // The engine is intact: another program still loads and runs.
  const other = shared.runtime.load({ id: "healthy", code: "module.exports.f = () => [[1]];" });
  expect(other.run("f", null)).toMatchObject({ ok: true, value: [[1]] });
  other.dispose();
});

describe("values crossing the boundary, nested 100 000 deep", () => {
  it("a result fails invalid_value", () => {
    const result = program.run("result", { n: DEEP });
    expect(result).toMatchObject({ ok: false, error: { code: "invalid_value" } });
    expect(!result.ok && result.error.message).toContain(`nested deeper than ${LIMIT} levels`);
  });

  it("a state inside the result fails invalid_value", () => {
    expect(program.run("state", { n: DEEP })).toMatchObject({
      ok: false,
      error: { code: "invalid_value" },
    });
  });

  it("a thrown value fails thrown, with a message instead of the value", () => {
    const result = program.run("throwDeep", { n: DEEP });
    expect(result).toMatchObject({ ok: false, error: { code: "thrown" } });
    expect(!result.ok && result.error.message).toContain("nested deeper than");
  });

  it("an input fails invalid_value without reaching the sandbox", () => {
    expect(program.run("echo", nest(DEEP))).toMatchObject({
      ok: false,
      error: { code: "invalid_value" },
      compute: 0,
    });
  });

  it("a host-function argument throws a catchable error in the sandbox", () => {
    for (const entry of ["hostArg", "hostArgs"]) {
      const result = program.run(entry, { n: DEEP }, { host });
      expect(result).toMatchObject({ ok: false, error: { code: "thrown" } });
      expect(!result.ok && result.error.message).toContain("nested deeper than");
    }
  });

  it("a host-function result throws a catchable error in the sandbox", () => {
    for (const n of [LIMIT + 1, DEEP]) {
      const result = program.run("hostResult", { n }, { host });
      expect(result).toMatchObject({ ok: true, value: expect.stringMatching(/^caught: /) });
    }
  });

  it("JSON, flat, toLocaleString and iterator helpers inside the sandbox fail as coded errors", () => {
    for (const what of ["stringify", "parse", "flat", "toLocaleString", "iterators"]) {
      const result = program.run("inside", { n: DEEP, what });
      expect(result.ok, what).toBe(false);
      expect(!result.ok && ["thrown", "stack_overflow"], what).toContain(
        !result.ok && result.error.code,
      );
    }
  });
});

describe("values at the depth limit", () => {
  it("pass at exactly maxJsonDepth, in and out, and fail one level deeper", () => {
    expect(program.run("result", { n: LIMIT - 1 })).toMatchObject({ ok: true });
    expect(program.run("echo", nest(LIMIT))).toMatchObject({ ok: true, value: nest(LIMIT) });
    expect(program.run("echo", nest(LIMIT + 1))).toMatchObject({
      ok: false,
      error: { code: "invalid_value" },
    });
    expect(program.run("hostArg", { n: LIMIT - 1 }, { host })).toMatchObject({ ok: true });
    expect(program.run("hostResult", { n: LIMIT - 1 }, { host })).toMatchObject({
      ok: true,
      value: nest(LIMIT - 1),
    });
    for (const what of ["stringify", "parse", "flat", "iterators"]) {
      expect(program.run("inside", { n: LIMIT - 1, what }), what).toMatchObject({ ok: true });
    }
  });

  it("follows a run's own maxJsonDepth", () => {
    const limits = { maxJsonDepth: 4 };
    expect(program.run("echo", nest(4), { limits })).toMatchObject({ ok: true });
    expect(program.run("echo", nest(5), { limits })).toMatchObject({ ok: false });
    expect(program.run("result", { n: 4 }, { limits })).toMatchObject({ ok: true });
    expect(program.run("result", { n: 5 }, { limits })).toMatchObject({ ok: false });
    expect(program.run("inside", { n: 5, what: "stringify" }, { limits })).toMatchObject({
      ok: false,
      error: { code: "thrown" },
    });
  });
});

describe("JSON.stringify inside the sandbox keeps its semantics", () => {
  it("replacer functions and arrays, space, toJSON and nested host calls", () => {
    const json = shared.runtime.load({
      id: "json-semantics",
      code: `module.exports.f = (input, host) => [
        JSON.stringify({ a: 1, b: [2, { c: 3 }] }, (k, v) => (k === "c" ? v * 10 : v)),
        JSON.stringify({ z: 1, a: 2, __proto__x: 3, nested: { a: 4, z: 5 } }, ["a", "nested", 7, "a"]),
        JSON.stringify({ a: [1] }, null, 2),
        JSON.stringify({ t: { toJSON(key) { return key + ":" + host.echo([1]).length; } } }),
        JSON.stringify(undefined),
        JSON.stringify([undefined, () => 1]),
        JSON.parse('{"a":[1,{"b":2}]}', (k, v) => (k === "b" ? v + 1 : v)),
      ];`,
    });
    const result = json.run("f", null, { host: { echo: (value) => value ?? null } });
    expect(result).toMatchObject({
      ok: true,
      value: [
        '{"a":1,"b":[2,{"c":30}]}',
        '{"a":2,"nested":{"a":4}}',
        '{\n  "a": [\n    1\n  ]\n}',
        '{"t":"t:1"}',
        null,
        "[null,null]",
        { a: [1, { b: 3 }] },
      ],
    });
    json.dispose();
  });
});
