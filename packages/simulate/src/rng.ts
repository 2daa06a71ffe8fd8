/**
 * A seeded pseudo-random generator. Each agent gets its own stream, derived from the scenario's
 * seed and the agent's id, so adding an agent never changes what the others draw.
 */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n); `n` must be a positive integer. */
  int(n: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty list (undefined for an empty one). */
  pick<T>(items: readonly T[]): T | undefined;
  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
}

/** FNV-1a over UTF-16 code units: a stable 32-bit hash of a label. */
function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i += 1) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** splitmix32: spreads one 32-bit seed over the four words of sfc32's state. */
function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** sfc32 (Chris Doty-Humphrey's small fast counting generator), 32-bit integer arithmetic only. */
function sfc32(a0: number, b0: number, c0: number, d0: number): () => number {
  let a = a0;
  let b = b0;
  let c = c0;
  let d = d0;
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t >>> 0;
  };
}

/**
 * The generator for `label` under `seed`: the same pair always gives the same stream, on any
 * machine (integer arithmetic only; floats are `k / 2^32`).
 *
 * @example
 * ```ts
 * const rng = createRng(42, "agent:honest-1");
 * rng.int(6); // the same number every run
 * ```
 */
export function createRng(seed: number, label = ""): Rng {
  const mix = splitmix32((seed >>> 0) ^ hashLabel(label));
  const raw = sfc32(mix(), mix(), mix(), mix());
  // A few rounds so that nearby seeds diverge at once.
  for (let i = 0; i < 12; i += 1) raw();
  const next = () => raw() / 4294967296;
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (items) => (items.length === 0 ? undefined : items[int(items.length)]),
    shuffle: (items) => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i -= 1) {
        const j = int(i + 1);
        [out[i], out[j]] = [out[j] as (typeof out)[number], out[i] as (typeof out)[number]];
      }
      return out;
    },
  };
}
