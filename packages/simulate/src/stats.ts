/** Rounds to 4 decimals, so reports print the same digits everywhere. */
export function round4(x: number): number {
  const r = Math.round(x * 10_000) / 10_000;
  return Object.is(r, -0) ? 0 : r;
}

/**
 * The Gini coefficient of non-negative values: 0 when all are equal, towards 1 when one holds
 * everything; 0 for an empty list or a zero total. Rounded to 4 decimals.
 *
 * @example
 * ```ts
 * gini([1, 1, 1]); // 0
 * gini([0, 0, 10]); // 0.6667
 * ```
 */
export function gini(values: readonly number[]): number {
  const sorted = values.map((v) => Math.max(0, v)).sort((a, b) => a - b);
  const n = sorted.length;
  const total = sorted.reduce((a, b) => a + b, 0);
  if (n === 0 || total === 0) return 0;
  // G = Σ (2i − n − 1) x_i / (n Σ x), i = 1..n over ascending values.
  const weighted = sorted.reduce((sum, x, i) => sum + (2 * (i + 1) - n - 1) * x, 0);
  return round4(weighted / (n * total));
}

/** `part / whole` rounded to 4 decimals; 0 when `whole` is 0. */
export function rate(part: number, whole: number): number {
  return whole === 0 ? 0 : round4(part / whole);
}
