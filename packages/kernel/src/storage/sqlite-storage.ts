import type Database from "better-sqlite3";
import { CachedStorage } from "./cached-storage.js";
import type { Raw } from "./rows.js";
import { Savepoints } from "./savepoints.js";
import type { SqlBackend } from "./sql-backend.js";
import type { EventRow, Snapshotting } from "./storage.js";

type Statement = Database.Statement;

/**
 * The SQLite {@link SqlBackend}: prepared statements cached by their text, savepoints named by
 * depth, and cache coherence across processes sharing a file through `PRAGMA data_version`.
 */
class SqliteBackend implements SqlBackend {
  readonly dialect = "sqlite";
  readonly db: Database.Database;
  readonly scopes: Savepoints;
  readonly #cache = new Map<string, Statement>();
  readonly #file: boolean;
  #dataVersion: number | undefined;
  #idleCheckpoint: NodeJS.Timeout | undefined;

  constructor(db: Database.Database, file: boolean) {
    this.db = db;
    this.#file = file;
    this.scopes = new Savepoints(db, file);
  }

  /** How many statements are prepared and cached. */
  get prepared(): number {
    return this.#cache.size + this.scopes.prepared;
  }

  #st(sql: string): Statement {
    let st = this.#cache.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.#cache.set(sql, st);
    }
    return st;
  }

  get(sql: string, params: unknown[]): Raw | undefined {
    return this.#st(sql).get(...params) as Raw | undefined;
  }

  all(sql: string, params: unknown[]): Raw[] {
    return this.#st(sql).all(...params) as Raw[];
  }

  run(sql: string, params: unknown[]): void {
    this.#st(sql).run(...params);
  }

  count(sql: string, params: unknown[]): number {
    return this.#st(sql).run(...params).changes;
  }

  /**
   * Another connection (a second process on the same file) may have committed since we last
   * looked; `data_version` changes exactly then.
   */
  stale(): boolean {
    if (!this.#file) return false;
    const version = this.#st("PRAGMA data_version").pluck().get() as number;
    const changed = this.#dataVersion !== undefined && version !== this.#dataVersion;
    this.#dataVersion = version;
    return changed;
  }

  /**
   * After a commit to a file, a passive checkpoint runs once the event loop is idle for a
   * moment (a server between requests). The kernel is synchronous, so it never interleaves
   * with a transaction; the timer is unref'd so it never keeps a process alive.
   */
  committed(): void {
    if (!this.#file || this.#idleCheckpoint !== undefined) return;
    this.#idleCheckpoint = setTimeout(() => {
      this.#idleCheckpoint = undefined;
      if (this.db.open && !this.db.inTransaction) this.db.pragma("wal_checkpoint(PASSIVE)");
    }, 200);
    this.#idleCheckpoint.unref();
  }

  close(): void {
    clearTimeout(this.#idleCheckpoint);
    this.#cache.clear();
    if (this.db.open) this.db.close();
  }
}

/**
 * The SQLite implementation of `Storage` (a {@link CachedStorage} over SQLite), with the
 * snapshot capability. Created by `openSqliteStorage`; owns its database connection.
 */
export class SqliteStorage extends CachedStorage implements Snapshotting {
  readonly #sqlite: SqliteBackend;

  constructor(db: Database.Database, file: boolean) {
    const backend = new SqliteBackend(db, file);
    super(backend);
    this.#sqlite = backend;
  }

  /** How many statements are prepared and cached; for tests and diagnostics. */
  get preparedStatements(): number {
    return this.#sqlite.prepared;
  }

  override *iterateEvents(): Iterable<EventRow> {
    this.flushEvents();
    // A dedicated statement: an iterating statement cannot be reused until it finishes.
    yield* this.#sqlite.db
      .prepare("SELECT * FROM events ORDER BY seq")
      .iterate() as Iterable<EventRow>;
  }

  serialize(): Uint8Array {
    this.flushEvents();
    return this.#sqlite.db.serialize();
  }
}
