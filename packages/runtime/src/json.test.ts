import { describe, expect, it } from "vitest";
import { byteLength, exceedsBytes } from "./json.js";

describe("exceedsBytes", () => {
  it("agrees with the UTF-8 byte length at the limit, for 1- to 4-byte characters", () => {
    for (const char of ["a", "é", "€", "😀"]) {
      for (let n = 0; n <= 12; n++) {
        const text = char.repeat(n);
        const bytes = byteLength(text);
        expect(exceedsBytes(text, bytes)).toBe(false);
        if (bytes > 0) expect(exceedsBytes(text, bytes - 1)).toBe(true);
      }
    }
  });

  it("counts text between a third of the limit and the limit exactly", () => {
    expect(exceedsBytes("€".repeat(4), 11)).toBe(true);
    expect(exceedsBytes("€".repeat(4), 12)).toBe(false);
    expect(exceedsBytes("a".repeat(10), 9)).toBe(true);
  });
});
