import { describe, expect, it } from "vitest";
import { createRng } from "./rng.js";

const draw = (seed: number, label: string, n = 5) => {
  const rng = createRng(seed, label);
  return Array.from({ length: n }, () => rng.next());
};

describe("createRng", () => {
  it("gives the same stream for the same seed and label, on any machine", () => {
    expect(draw(42, "agent:a")).toEqual(draw(42, "agent:a"));
    // Pinned: integer arithmetic only, so these are the same everywhere.
    const rng = createRng(42, "agent:a");
    expect([rng.int(1_000_000), rng.int(1_000_000), rng.int(1_000_000)]).toEqual([
      193427, 385978, 799162,
    ]);
  });

  it("gives independent streams per label and per seed", () => {
    expect(draw(42, "agent:a")).not.toEqual(draw(42, "agent:b"));
    expect(draw(42, "agent:a")).not.toEqual(draw(43, "agent:a"));
    expect(draw(0, "")).not.toEqual(draw(1, ""));
  });

  it("draws floats in [0, 1) and integers in [0, n), roughly uniformly", () => {
    const rng = createRng(7, "uniform");
    const floats = Array.from({ length: 60_000 }, () => rng.next());
    expect(floats.every((x) => x >= 0 && x < 1)).toBe(true);
    const dice = createRng(7, "dice");
    const faces = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 60_000; i += 1) {
      const f = dice.int(6);
      faces[f] = (faces[f] ?? 0) + 1;
    }
    for (const n of faces) expect(Math.abs(n - 10_000)).toBeLessThan(500);
  });

  it("shuffles into a permutation without touching the input, and picks from lists", () => {
    const rng = createRng(3, "shuffle");
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = rng.shuffle(items);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
    expect(items[0]).toBe(0);
    expect(rng.pick([])).toBeUndefined();
    expect(["x"]).toContain(rng.pick(["x"]));
    expect(createRng(1, "c").chance(0)).toBe(false);
    expect(createRng(1, "c").chance(1)).toBe(true);
  });
});
