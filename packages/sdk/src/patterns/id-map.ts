/**
 * A plain JSON object used as a map from ids (or any strings) to values, as pattern state keeps
 * them (contributions, usage counts). It must stay a plain object because contract state is
 * persisted as JSON; read and write it only through the `idMap*` functions, which are safe for
 * every key:
 *
 * - `map[id]` on a missing key finds what `Object.prototype` has under that name (`constructor`,
 *   `toString`, ...), so reads check own properties only;
 * - `map["__proto__"] = v` changes the prototype instead of adding a key, and the host drops
 *   `__proto__` keys from sandbox JSON, so that one key is stored escaped (see
 *   {@link idMapStoredKey}); the escape is injective, so no two keys share a slot.
 *
 * A view that returns the map as it is shows the stored keys; use {@link idMapEntries} to list
 * the real ones.
 */
export type IdMap<V> = { [key: string]: V };

const ESCAPE = "~";
const PROTO = "__proto__";

/**
 * The key under which `key` is stored: `"__proto__"` and keys starting with `~` get a `~` in
 * front. Ids (`[A-Za-z0-9_.:-]`) never start with `~`, so only `__proto__` changes for them.
 */
export function idMapStoredKey(key: string): string {
  return key === PROTO || key.startsWith(ESCAPE) ? `${ESCAPE}${key}` : key;
}

/** The key a stored key stands for: the inverse of {@link idMapStoredKey}. */
export function idMapKeyOf(storedKey: string): string {
  return storedKey.startsWith(ESCAPE) ? storedKey.slice(ESCAPE.length) : storedKey;
}

function hasOwn(map: object, storedKey: string): boolean {
  return Object.hasOwn(map, storedKey);
}

/**
 * Whether `map` has an entry for `key` (never an inherited property).
 *
 * @example
 * ```ts
 * idMapHas({}, "constructor"); // false
 * ```
 */
export function idMapHas<V>(map: IdMap<V>, key: string): boolean {
  return hasOwn(map, idMapStoredKey(key));
}

/**
 * The value for `key`, or `undefined` when there is none (never an inherited property).
 *
 * @example
 * ```ts
 * idMapGet(ctx.state.pool.contributions, ctx.caller) ?? 0
 * ```
 */
export function idMapGet<V>(map: IdMap<V>, key: string): V | undefined {
  const stored = idMapStoredKey(key);
  return hasOwn(map, stored) ? map[stored] : undefined;
}

/**
 * Sets the value for `key` as an own, enumerable property (so it is persisted).
 *
 * @example
 * ```ts
 * idMapSet(usage.uses, ctx.caller, (idMapGet(usage.uses, ctx.caller) ?? 0) + 1);
 * ```
 */
export function idMapSet<V>(map: IdMap<V>, key: string, value: V): void {
  // defineProperty rather than assignment: it never runs an inherited setter.
  Object.defineProperty(map, idMapStoredKey(key), {
    value,
    writable: true,
    enumerable: true,
    configurable: true,
  });
}

/** Removes the entry for `key`; returns whether there was one. */
export function idMapDelete<V>(map: IdMap<V>, key: string): boolean {
  const stored = idMapStoredKey(key);
  if (!hasOwn(map, stored)) return false;
  delete map[stored];
  return true;
}

/**
 * The entries of `map` with their real keys, sorted by key (a stable order for payouts).
 *
 * @example
 * ```ts
 * idMapEntries({ b: 1, a: 2 }); // [["a", 2], ["b", 1]]
 * ```
 */
export function idMapEntries<V>(map: IdMap<V>): [string, V][] {
  return Object.keys(map)
    .map((stored): [string, V] => [idMapKeyOf(stored), map[stored] as V])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The real keys of `map`, sorted. */
export function idMapKeys<V>(map: IdMap<V>): string[] {
  return idMapEntries(map).map(([key]) => key);
}
