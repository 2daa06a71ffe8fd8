import type { ManifestParam } from "@ecology/protocol";
import { describe, expect, it } from "vitest";
import { argList, parseArg, validateArg } from "./manifest-args.js";

const amount: ManifestParam = { name: "amount", type: "number", schema: { type: "integer" } };
const label: ManifestParam = { name: "label", type: "string", schema: { type: "string" } };
const side: ManifestParam = {
  name: "side",
  type: '"buy" | "sell"',
  schema: { type: "string", enum: ["buy", "sell"] },
};
const order: ManifestParam = {
  name: "order",
  type: "{ id: string; qty: number }",
  schema: { type: "object", required: ["id", "qty"] },
};

describe("parseArg", () => {
  it("parses JSON that matches the schema type", () => {
    expect(parseArg(amount, " 12 ")).toEqual({ ok: true, value: 12 });
    expect(parseArg(order, '{"id":"a","qty":2}')).toEqual({ ok: true, value: { id: "a", qty: 2 } });
  });

  it("refuses a value of the wrong type and names the parameter", () => {
    expect(parseArg(amount, '"12"')).toEqual({
      ok: false,
      message: 'amount must be "integer", got string',
    });
    expect(parseArg(amount, "1.5")).toMatchObject({ ok: false });
  });

  it("takes bare text as a string for string parameters only", () => {
    expect(parseArg(label, "hello world")).toEqual({ ok: true, value: "hello world" });
    expect(parseArg(amount, "twelve")).toEqual({ ok: false, message: "amount: not JSON (number)" });
  });

  it("checks enums and required keys", () => {
    expect(parseArg(side, "buy")).toEqual({ ok: true, value: "buy" });
    expect(parseArg(side, "hold")).toEqual({
      ok: false,
      message: 'side must be one of "buy", "sell"',
    });
    expect(parseArg(order, '{"id":"a"}')).toEqual({ ok: false, message: "order.qty is required" });
  });

  it("requires a value unless the parameter is optional", () => {
    expect(parseArg(amount, "")).toEqual({ ok: false, message: "amount is required (number)" });
    expect(parseArg({ ...amount, optional: true }, "  ")).toEqual({ ok: true, value: undefined });
  });

  it("accepts any JSON when the manifest has no schema", () => {
    expect(parseArg({ name: "x", type: "unknown" }, "[1,{}]")).toEqual({
      ok: true,
      value: [1, {}],
    });
  });

  it("checks array items against the items schema", () => {
    const ids: ManifestParam = {
      name: "ids",
      type: "string[]",
      schema: { type: "array", items: { type: "string" } },
    };
    expect(parseArg(ids, '["a", 2]')).toEqual({
      ok: false,
      message: 'ids[1] must be "string", got integer',
    });
  });
});

describe("validateArg", () => {
  it("returns the message while the text does not fit and undefined once it does", () => {
    expect(validateArg(amount, "x")).toBe("amount: not JSON (number)");
    expect(validateArg(amount, "3")).toBeUndefined();
  });
});

describe("argList", () => {
  it("drops trailing left-out optionals and fills gaps with null", () => {
    expect(argList([1, undefined, 3, undefined, undefined])).toEqual([1, null, 3]);
    expect(argList([undefined])).toEqual([]);
  });
});
