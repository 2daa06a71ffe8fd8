import { describe, expect, it } from "vitest";
import { ddmin } from "./shrink.js";

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe("ddmin", () => {
  it("finds the two items that together cause a failure, in order", () => {
    const tried: number[][] = [];
    const fails = (c: readonly number[]) => {
      tried.push([...c]);
      return c.includes(71) && c.includes(13);
    };
    const { result, complete } = ddmin(range(100), fails, 10_000);
    expect(result).toEqual([13, 71]);
    expect(complete).toBe(true);
    // Every candidate keeps the original order (a subsequence), as operation lists must.
    for (const c of tried) expect(c).toEqual([...c].sort((a, b) => a - b));
    expect(tried.length).toBeLessThan(100);
  });

  it("returns a 1-minimal list: removing any single item makes the failure disappear", () => {
    // Fails when the sum of the kept items reaches 50: many minimal answers, ddmin finds one.
    const fails = (c: readonly number[]) => c.reduce((a, b) => a + b, 0) >= 50;
    const { result } = ddmin(range(30), fails, 10_000);
    expect(fails(result)).toBe(true);
    for (let i = 0; i < result.length; i += 1)
      expect(fails(result.filter((_, j) => j !== i))).toBe(false);
  });

  it("is deterministic", () => {
    const fails = (c: readonly number[]) => c.filter((x) => x % 7 === 3).length >= 3;
    expect(ddmin(range(200), fails, 10_000)).toEqual(ddmin(range(200), fails, 10_000));
  });

  it("stops at its budget and says the result may not be minimal", () => {
    let calls = 0;
    const fails = (c: readonly number[]) => {
      calls += 1;
      return c.includes(5) && c.includes(95);
    };
    const { result, complete } = ddmin(range(100), fails, 3);
    expect(complete).toBe(false);
    expect(calls).toBe(3);
    expect(fails(result)).toBe(true);
  });

  it("leaves a single failing item alone", () => {
    expect(ddmin([9], () => true, 10)).toEqual({ result: [9], complete: true });
  });
});
