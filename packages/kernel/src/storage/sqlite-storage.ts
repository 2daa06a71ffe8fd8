import type Database from "better-sqlite3";
import { CachedStorage } from "./cached-storage.js";
import { BackgroundCheckpointer, type CheckpointStats } from "./checkpointer.js";
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
  /** Only for a file: the worker thread that runs its checkpoints (ADR 0045). */
  readonly checkpointer: BackgroundCheckpointer | undefined;
  #dataVersion: number | undefined;
  #checkpointTimer: NodeJS.Timeout | undefined;

  constructor(db: Database.Database, file: boolean) {
    this.db = db;
    this.#file = file;
    this.scopes = new Savepoints(db, file);
    if (file) {
      const synchronous = db.pragma("synchronous", { simple: true }) === 2 ? "FULL" : "NORMAL";
      this.checkpointer = new BackgroundCheckpointer(db.name, synchronous, () => {
        if (this.db.open && !this.db.inTransaction) this.db.pragma("wal_checkpoint(PASSIVE)");
      });
    }
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
   * At most 200 ms after a commit to a file, a PASSIVE checkpoint runs in the checkpointer's
   * worker thread, beside the kernel's commits rather than in their way (ADR 0045). The timer is
   * unref'd so it never keeps a process alive: a command that exits sooner never starts the
   * worker, and SQLite's own checkpoint at 10,000 WAL pages remains the backstop.
   */
  committed(): void {
    if (this.checkpointer === undefined || this.#checkpointTimer !== undefined) return;
    this.#checkpointTimer = setTimeout(() => {
      this.#checkpointTimer = undefined;
      if (this.db.open) this.checkpointer?.request();
    }, 200);
    this.#checkpointTimer.unref();
  }

  transactionLost(): boolean {
    return !this.db.inTransaction;
  }

  close(): void {
    clearTimeout(this.#checkpointTimer);
    this.checkpointer?.close();
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

  /** What the file's background checkpointer has done (none in memory); for tests and diagnostics. */
  get checkpoints(): CheckpointStats | undefined {
    return this.#sqlite.checkpointer?.stats;
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
