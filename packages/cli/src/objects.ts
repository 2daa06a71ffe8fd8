/**
 * Copies `value` without its undefined properties, so optional flags that were not given do not
 * reach strict params schemas (and JSON output stays the same on every path).
 */
export function pickDefined<T extends Record<string, unknown>>(value: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = v;
  return out as Partial<T>;
}
