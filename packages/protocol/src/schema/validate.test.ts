import { describe, expect, it } from "vitest";
import { ID_PATTERN } from "../ids.js";
import { s } from "./schema.js";
import { validate } from "./validate.js";

const Transfer = s.object({
  to: s.string({ pattern: ID_PATTERN, description: "an id" }),
  amount: s.integer({ minimum: 1, maximum: 10 }),
  memo: s.optional(s.string({ maxLength: 3 })),
});

describe("s (schema builders)", () => {
  it("emits plain JSON Schema, strict objects and required lists, without optional marks", () => {
    expect(JSON.parse(JSON.stringify(Transfer))).toEqual({
      type: "object",
      properties: {
        to: { type: "string", pattern: ID_PATTERN.source, description: "an id" },
        amount: { type: "integer", minimum: 1, maximum: 10 },
        memo: { type: "string", maxLength: 3 },
      },
      required: ["to", "amount"],
      additionalProperties: false,
    });
    expect(Object.getOwnPropertySymbols((Transfer.properties as { memo: object }).memo)).toEqual(
      [],
    );
  });

  it("builds unions, nullables, records, literals and enums", () => {
    expect(s.nullable(s.integer())).toEqual({ anyOf: [{ type: "integer" }, { type: "null" }] });
    expect(s.record(s.boolean())).toEqual({
      type: "object",
      additionalProperties: { type: "boolean" },
    });
    expect(s.literal("*")).toEqual({ type: "string", const: "*" });
    expect(s.enum(["a", "b"])).toEqual({ type: "string", enum: ["a", "b"] });
  });
});

describe("validate", () => {
  it("accepts a conforming value and returns it", () => {
    const r = validate(Transfer, { to: "bob", amount: 3 });
    expect(r).toEqual({ ok: true, value: { to: "bob", amount: 3 } });
  });

  it.each([
    [{ amount: 3 }, "params.to is required"],
    [{ to: "bob", amount: 3, extra: 1 }, "params.extra is not allowed; expected to, amount, memo"],
    [{ to: "..", amount: 3 }, 'params.to must be an id, got ".."'],
    [{ to: "bob", amount: 0 }, "params.amount must be at least 1, got 0"],
    [{ to: "bob", amount: 11 }, "params.amount must be at most 10, got 11"],
    [{ to: "bob", amount: 1.5 }, "params.amount must be integer, got a number"],
    [{ to: "bob", amount: 2, memo: "long" }, "params.memo must be at most 3 characters"],
    [[], "params must be object, got an array"],
    [null, "params must be object, got null"],
  ])("refuses %j: %s", (value, message) => {
    const r = validate(Transfer, value, { path: "params" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toBe(message);
  });

  it("counts string length in code points", () => {
    expect(validate(s.string({ maxLength: 2 }), "😀😀").ok).toBe(true);
    expect(validate(s.string({ maxLength: 2 }), "😀😀😀").ok).toBe(false);
  });

  it("explains a union by the branch whose type fits", () => {
    const allow = s.union([s.literal("*"), s.array(s.string({ pattern: ID_PATTERN }))]);
    expect(validate(allow, "*").ok).toBe(true);
    expect(validate(allow, ["a", "b"]).ok).toBe(true);
    const r = validate(allow, ["a", "no spaces"], { path: "allow" });
    expect(r.ok ? "" : r.message).toMatch(/^allow\[1\] must be/);
    const wrong = validate(allow, 3, { path: "allow" });
    expect(wrong.ok ? "" : wrong.message).toBe('allow must be "*" or array, got a number');
  });

  it("ignores pattern for untrusted schemas, so a hostile regular expression never runs", () => {
    const hostile = { type: "string", pattern: "^(a+)+$" };
    const started = performance.now();
    const r = validate(s.custom<string>(hostile), `${"a".repeat(40)}!`, { untrusted: true });
    expect(r.ok).toBe(true);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("does not recurse into values deeper than the schema", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(validate(s.json(), deep).ok).toBe(true);
    expect(validate(s.array(s.json()), deep).ok).toBe(true);
  });

  it("treats an own property named like a prototype member as data", () => {
    const bag = s.record(s.integer());
    expect(validate(bag, JSON.parse('{"__proto__": 1, "constructor": 2}')).ok).toBe(true);
    const strict = s.object({ a: s.integer() });
    const r = validate(strict, JSON.parse('{"a": 1, "__proto__": 2}'), { path: "p" });
    expect(r.ok ? "" : r.message).toBe("p.__proto__ is not allowed; expected a");
    expect(validate(strict, { toString: 1 }, { path: "p" }).ok).toBe(false);
    expect(validate(s.object({}), {}, { path: "p" }).ok).toBe(true);
  });
});
