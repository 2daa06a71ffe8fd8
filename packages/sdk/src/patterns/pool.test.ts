import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitProportionally } from "./pool.js";

describe("splitProportionally", () => {
  it("gives leftover units to the largest remainders, ties by member id", () => {
    expect(splitProportionally(10, { c: 1, a: 1, b: 1 })).toEqual([
      { member: "a", amount: 4 },
      { member: "b", amount: 3 },
      { member: "c", amount: 3 },
    ]);
    // 7 × 50/80 = 4.375, 7 × 30/80 = 2.625: the larger remainder (b) gets the spare unit.
    expect(splitProportionally(7, { a: 50, b: 30 })).toEqual([
      { member: "a", amount: 4 },
      { member: "b", amount: 3 },
    ]);
  });

  it("pays nothing when there is nothing to pay or no contributions", () => {
    expect(splitProportionally(0, { a: 5 })).toEqual([{ member: "a", amount: 0 }]);
    expect(splitProportionally(9, {})).toEqual([]);
  });

  it("stays exact when amount × contribution exceeds 2^53", () => {
    const big = Number.MAX_SAFE_INTEGER;
    const payouts = splitProportionally(big, { a: big - 1, b: 1 });
    expect(payouts.reduce((s, p) => s + p.amount, 0)).toBe(big);
    expect(payouts[1]?.amount).toBe(1);
  });

  it("never creates or loses scrip and never pays anyone more than one unit above their exact share", () => {
    const shares = fc.dictionary(
      fc.stringMatching(/^[a-z]{1,4}$/),
      fc.integer({ min: 1, max: 1_000_000 }),
      {
        minKeys: 1,
        maxKeys: 12,
      },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), shares, (amount, s) => {
        const payouts = splitProportionally(amount, s);
        const total = Object.values(s).reduce((a, b) => a + b, 0);
        expect(payouts.reduce((sum, p) => sum + p.amount, 0)).toBe(amount);
        for (const p of payouts) {
          const exact = (amount * (s[p.member] ?? 0)) / total;
          expect(p.amount).toBeGreaterThanOrEqual(Math.floor(exact) - 1e-9);
          expect(p.amount).toBeLessThanOrEqual(Math.floor(exact) + 1);
        }
      }),
    );
  });
});
