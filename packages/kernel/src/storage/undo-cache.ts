/**
 * The undo log of the storage caches: every cache change made inside a transaction records how
 * to revert it, so rolling back a savepoint or transaction rolls the caches back with SQLite.
 */
export class UndoLog {
  readonly #entries: (() => void)[] = [];
  /** Whether a transaction is open (outside one, changes need no undo). */
  active = false;

  push(undo: () => void): void {
    if (this.active) this.#entries.push(undo);
  }

  /** A position to roll back to. */
  mark(): number {
    return this.#entries.length;
  }

  /** Reverts every change recorded after `mark`, newest first. */
  rollback(mark: number): void {
    while (this.#entries.length > mark) (this.#entries.pop() as () => void)();
  }

  /** Forgets the recorded changes once the outermost transaction committed. */
  commit(): void {
    this.#entries.length = 0;
  }
}

const ABSENT = Symbol("absent");

/**
 * A write-through cache of rows that reverts with the transaction. Values are stored and
 * returned as given: callers must not mutate them (the storage copies mutable rows).
 */
export class UndoCache<K, V> {
  readonly #map = new Map<K, V>();
  readonly #log: UndoLog;
  readonly #max: number;

  constructor(log: UndoLog, max: number) {
    this.#log = log;
    this.#max = max;
  }

  has(key: K): boolean {
    return this.#map.has(key);
  }

  get(key: K): V | undefined {
    return this.#map.get(key);
  }

  /** The cached value, or `load()`'s, which is then cached. */
  read(key: K, load: () => V): V {
    if (this.#map.has(key)) return this.#map.get(key) as V;
    const value = load();
    this.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    const prev = this.#map.has(key) ? (this.#map.get(key) as V) : ABSENT;
    this.#map.set(key, value);
    this.#log.push(() => {
      if (prev === ABSENT) this.#map.delete(key);
      else this.#map.set(key, prev);
    });
  }

  /** Drops everything when over the size bound; only call with no transaction open. */
  trim(): void {
    if (this.#map.size > this.#max) this.#map.clear();
  }

  clear(): void {
    this.#map.clear();
  }
}
