/**
 * `T` without undefined values: keys whose value may be undefined become optional (and never
 * hold undefined); the others stay required.
 */
export type Defined<T> = {
  [K in keyof T as undefined extends T[K] ? never : K]: T[K];
} & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};

/**
 * Copies `value` without its undefined properties, so optional flags that were not given do not
 * reach strict params schemas (and JSON output stays the same on every path).
 */
export function pickDefined<T extends Record<string, unknown>>(value: T): Defined<T> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = v;
  return out as Defined<T>;
}
