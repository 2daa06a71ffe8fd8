/** A mapping from data values to pixels along one axis, with the tick values to label. */
export interface Scale {
  /** Pixel position of `value`. */
  at(value: number): number;
  ticks: number[];
}

/** Round tick steps (1, 2 or 5 × a power of ten) giving about `count` ticks up to `max`. */
function niceStep(max: number, count: number): number {
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].find((m) => m * power >= raw) ?? 10;
  return step * power;
}

/**
 * A linear scale from 0 to a rounded-up `max`, onto pixels `from`..`to` (either direction, so
 * a y axis maps upwards). Throws a `RangeError` for a negative or non-finite `max`.
 *
 * @example
 * ```ts
 * const y = linearScale(930, 300, 20); // ticks 0, 200, …, 1000
 * ```
 */
export function linearScale(max: number, from: number, to: number, tickCount = 5): Scale {
  if (!Number.isFinite(max) || max < 0) throw new RangeError(`cannot scale to ${max}`);
  const step = niceStep(max > 0 ? max : 1, tickCount);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
  return { at: (v) => from + ((to - from) * v) / top, ticks };
}

/**
 * A base-10 logarithmic scale over whole decades covering `min`..`max` (both > 0), onto pixels
 * `from`..`to`; ticks at every decade. Throws a `RangeError` unless 0 < min ≤ max.
 *
 * @example
 * ```ts
 * const x = logScale(1_000, 1_000_000, 60, 700); // ticks 1e3, 1e4, 1e5, 1e6
 * ```
 */
export function logScale(min: number, max: number, from: number, to: number): Scale {
  if (!(min > 0 && max >= min && Number.isFinite(max)))
    throw new RangeError(`cannot log-scale ${min}..${max}`);
  const lo = Math.floor(Math.log10(min));
  const hi = Math.max(lo + 1, Math.ceil(Math.log10(max)));
  const ticks = Array.from({ length: hi - lo + 1 }, (_, i) => 10 ** (lo + i));
  return { at: (v) => from + ((to - from) * (Math.log10(v) - lo)) / (hi - lo), ticks };
}

/**
 * A short label for a tick or a value: 1.2k, 3M, 0.5, 12.
 *
 * @example
 * ```ts
 * shortNumber(100_000); // "100k"
 * ```
 */
export function shortNumber(v: number): string {
  const abs = Math.abs(v);
  if (abs >= 1e6) return `${trim(v / 1e6)}M`;
  if (abs >= 1e3) return `${trim(v / 1e3)}k`;
  return trim(v);
}

function trim(v: number): string {
  return Number(v.toPrecision(3)).toString();
}
