import { describe, expect, it } from "vitest";
import { gini, rate, round4 } from "./stats.js";

describe("gini", () => {
  it("is 0 for equal wealth, empty lists and all-zero lists", () => {
    expect(gini([5, 5, 5, 5])).toBe(0);
    expect(gini([])).toBe(0);
    expect(gini([0, 0])).toBe(0);
  });

  it("matches the mean-absolute-difference definition", () => {
    const values = [1, 2, 3, 10, 0, 7];
    const n = values.length;
    const sum = values.reduce((a, b) => a + b, 0);
    let diffs = 0;
    for (const x of values) for (const y of values) diffs += Math.abs(x - y);
    expect(gini(values)).toBe(round4(diffs / (2 * n * sum)));
    expect(gini([0, 0, 10])).toBe(0.6667);
  });

  it("does not depend on the order of its input, and treats negative wealth as 0", () => {
    expect(gini([3, 1, 2])).toBe(gini([1, 2, 3]));
    expect(gini([-5, 10])).toBe(gini([0, 10]));
  });
});

describe("rate and round4", () => {
  it("rounds to 4 decimals, never printing -0", () => {
    expect(rate(1, 3)).toBe(0.3333);
    expect(rate(1, 0)).toBe(0);
    expect(Object.is(round4(-0.00001), 0)).toBe(true);
  });
});
