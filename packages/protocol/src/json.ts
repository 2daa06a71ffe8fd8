/** A JSON value: what crosses every boundary of the economy (wire, sandbox, storage). */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/**
 * Whether `value` nests arrays and objects deeper than `max` levels (`1` is 0 levels, `[1]` is
 * 1), walked with an explicit stack: a recursive walk is what overflows on hostile input. An
 * object reached again (shared or cyclic) is walked again only when reached deeper, so the walk
 * ends after at most `max` visits per object. Never throws.
 *
 * @example
 * ```ts
 * valueNestsDeeperThan({ a: [1] }, 2); // false
 * valueNestsDeeperThan({ a: [[1]] }, 2); // true
 * ```
 */
export function valueNestsDeeperThan(value: unknown, max: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  const deepestVisit = new Map<object, number>();
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    if (top.value === null || typeof top.value !== "object") continue;
    const depth = top.depth + 1;
    if (depth > max) return true;
    if ((deepestVisit.get(top.value) ?? 0) >= depth) continue;
    deepestVisit.set(top.value, depth);
    for (const child of Object.values(top.value)) stack.push({ value: child, depth });
  }
  return false;
}
