import type { Raw } from "./rows.js";

/** Which SQL dialect a backend speaks, where the two differ (substring search). */
export type Dialect = "sqlite" | "postgres";

/**
 * The nested transaction scopes of one connection: the transaction at depth 0, savepoints below.
 * See the SQLite `Savepoints` and the PostgreSQL scopes for the SQL each runs.
 */
export interface Scopes {
  /**
   * Opens the scope at `depth`. At depth 0 this takes the economy-wide write lock, so nobody
   * else commits until the transaction ends. `untouched`: nothing written since it began.
   */
  open(depth: number, untouched: boolean): void;
  /** Keeps what the scope at `depth` did; at depth 0, commits (`written`: anything changed). */
  keep(depth: number, written: boolean): void;
  /** Undoes the scope at `depth`; true when the transaction is back at its start. */
  undo(depth: number): boolean;
}

/**
 * A raw, synchronous statement executor over one database connection: what {@link CachedStorage}
 * needs from SQLite or PostgreSQL. Statements use `?` placeholders; a backend translates them.
 * Owned by the storage built over it, which closes it.
 */
export interface SqlBackend {
  readonly dialect: Dialect;
  readonly scopes: Scopes;
  /** The first row of a query, or undefined. */
  get(sql: string, params: unknown[]): Raw | undefined;
  /** Every row of a query. */
  all(sql: string, params: unknown[]): Raw[];
  /**
   * Runs a statement that returns nothing. A backend may send it without waiting (pipelining);
   * its error then surfaces at the next call that waits (a read or the commit).
   */
  run(sql: string, params: unknown[]): void;
  /** Runs a statement and returns how many rows it changed (always waits). */
  count(sql: string, params: unknown[]): number;
  /**
   * Whether another connection committed since the last call (the write-through caches are then
   * stale). Inside a transaction the answer refers to the moment it took the write lock.
   */
  stale(): boolean;
  /** Called after each outermost commit (SQLite: schedules an idle checkpoint). */
  committed(): void;
  close(): void;
}
