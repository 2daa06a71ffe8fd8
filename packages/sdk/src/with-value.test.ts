import { describe, expect, it } from "vitest";
import { genesis } from "./genesis.js";
import { contractRef } from "./refs.js";
import { SdkError } from "./sdk-error.js";
import { isCallOptions, withOptions, withValue } from "./with-value.js";

describe("withValue", () => {
  it("builds the trailing options object the kernel recognises", () => {
    expect(withValue(25)).toEqual({ __ecologyOptions: true, value: 25 });
    expect(JSON.parse(JSON.stringify(withValue(0)))).toEqual({ __ecologyOptions: true, value: 0 });
  });

  it("throws SdkError invalid_option when the value is negative, fractional or unsafe", () => {
    for (const bad of [-1, 1.5, Number.NaN, 2 ** 60]) {
      expect(() => withValue(bad)).toThrow(SdkError);
    }
    try {
      withValue(-1);
    } catch (error) {
      expect((error as SdkError).code).toBe("invalid_option");
    }
  });

  it("is recognised by isCallOptions, and plain objects are not", () => {
    expect(isCallOptions(withValue(1))).toBe(true);
    expect(isCallOptions({ value: 1 })).toBe(false);
    expect(isCallOptions(null)).toBe(false);
  });
});

describe("maxPrice", () => {
  it("withValue takes a maxPrice and withOptions builds either option alone", () => {
    expect(withValue(5, { maxPrice: 20 })).toEqual({
      __ecologyOptions: true,
      value: 5,
      maxPrice: 20,
    });
    expect(withOptions({ maxPrice: 3 })).toEqual({ __ecologyOptions: true, value: 0, maxPrice: 3 });
    expect(withOptions({ value: 4 })).toEqual({ __ecologyOptions: true, value: 4 });
    expect(isCallOptions(withOptions({ maxPrice: 0 }))).toBe(true);
  });

  it("throws SdkError invalid_option when maxPrice is not scrip", () => {
    for (const bad of [-1, 0.5, Number.NaN]) {
      expect(() => withValue(1, { maxPrice: bad })).toThrow(SdkError);
      expect(() => withOptions({ maxPrice: bad })).toThrow(/maxPrice/);
    }
    expect(() => withOptions({ value: -1 })).toThrow(/value/);
  });
});

describe("refs", () => {
  it("are the plain id strings at run time", () => {
    expect(contractRef("pool_1")).toBe("pool_1");
    expect(genesis).toEqual({
      ledger: "genesis_ledger",
      escrow: "genesis_escrow",
      eventLog: "genesis_event_log",
      store: "genesis_store",
    });
    expect(Object.isFrozen(genesis)).toBe(true);
  });
});
