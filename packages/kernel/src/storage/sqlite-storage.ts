import type Database from "better-sqlite3";
import { KernelError } from "../kernel-error.js";
import { EventBuffer, type PendingEvent } from "./event-buffer.js";
import { artifactsSql, eventScanSql, listingsSql, placeholders } from "./query-sql.js";
import {
  ARTIFACT_COLUMNS,
  artifactValues,
  type Raw,
  toArtifact,
  toGrant,
  toListing,
} from "./rows.js";
import { Savepoints } from "./savepoints.js";
import type {
  ArtifactQuery,
  ArtifactRow,
  EventQuery,
  EventRow,
  GrantRow,
  JournalRow,
  ListingQuery,
  ListingRow,
  Storage,
} from "./storage.js";
import { UndoCache, UndoLog } from "./undo-cache.js";

/** Events per multi-row INSERT (8 parameters each, far below SQLite's limit). */
const EVENT_CHUNK = 100;

type Statement = Database.Statement;
/** The chain head: unknown (null), empty log (undefined) or the last event. */
type Head = { seq: number; hash: string } | undefined | null;

/**
 * The SQLite implementation of {@link Storage}, with write-through caches that roll back with
 * savepoints (ADR 0006). Created by `openSqliteStorage`; owns its database connection.
 */
export class SqliteStorage implements Storage {
  readonly #db: Database.Database;
  readonly #cache = new Map<string, Statement>();
  #depth = 0;
  // Write-through caches: most kernel reads hit the same few rows (balances, the target
  // artifact, the chain head), and a statement round-trip costs more than the work itself.
  readonly #log = new UndoLog();
  readonly #meta = new UndoCache<string, string | undefined>(this.#log, 10_000);
  readonly #principals = new UndoCache<string, boolean>(this.#log, 100_000);
  readonly #balances = new UndoCache<string, number>(this.#log, 100_000);
  readonly #artifacts = new UndoCache<string, ArtifactRow | undefined>(this.#log, 5_000);
  #head: Head = null;
  #journalHead: Head = null;
  readonly #events = new EventBuffer(this.#log, (events) => this.#writeEvents(events));

  readonly #file: boolean;
  #dataVersion: number | undefined;
  #idleCheckpoint: NodeJS.Timeout | undefined;

  readonly #scopes: Savepoints;
  /** Whether anything was written since the transaction began (see {@link Savepoints}). */
  #written = false;

  constructor(db: Database.Database, file: boolean) {
    this.#db = db;
    this.#file = file;
    this.#scopes = new Savepoints(db, file);
  }

  /**
   * After a commit to a file, a passive checkpoint runs once the event loop is idle for a
   * moment (a server between requests). The kernel is synchronous, so it never interleaves
   * with a transaction; the timer is unref'd so it never keeps a process alive.
   */
  #scheduleCheckpoint(): void {
    if (!this.#file || this.#idleCheckpoint !== undefined) return;
    this.#idleCheckpoint = setTimeout(() => {
      this.#idleCheckpoint = undefined;
      if (this.#db.open && this.#depth === 0) this.#db.pragma("wal_checkpoint(PASSIVE)");
    }, 200);
    this.#idleCheckpoint.unref();
  }

  #st(sql: string): Statement {
    let st = this.#cache.get(sql);
    if (!st) {
      st = this.#db.prepare(sql);
      this.#cache.set(sql, st);
    }
    return st;
  }

  atomic<T>(fn: () => T, keep: (result: T) => boolean): T {
    const depth = this.#depth;
    if (depth === 0) {
      this.#trimCaches();
      this.#written = false;
    }
    // An error like SQLITE_FULL can make SQLite roll the whole transaction back by itself; a
    // batched operation (ADR 0042) opening its savepoint after that would start a new one and
    // let the batch commit without the operations before it. Refuse instead: the batch fails.
    if (depth === 1 && !this.#db.inTransaction)
      throw new KernelError("storage_failure", "the transaction was rolled back by SQLite");
    this.#scopes.open(depth, !this.#written);
    // Holding the write lock now, so nobody else can commit until we are done.
    if (depth === 0) this.#revalidate();
    const mark = this.#log.mark();
    const head = this.#head;
    const journalHead = this.#journalHead;
    this.#log.active = true;
    this.#depth++;
    let result: T;
    try {
      result = fn();
    } catch (e) {
      this.#depth--;
      this.#undo(depth, mark, head, journalHead);
      throw e;
    }
    this.#depth--;
    if (!keep(result)) {
      this.#undo(depth, mark, head, journalHead);
      return result;
    }
    try {
      if (depth === 0) this.#events.flush();
      this.#scopes.keep(depth);
    } catch (e) {
      // A failed COMMIT leaves the caches unknowable: start them afresh.
      this.#dropCaches();
      throw e;
    }
    if (depth === 0) {
      this.#log.commit();
      this.#log.active = false;
      this.#scheduleCheckpoint();
    }
    return result;
  }

  #undo(depth: number, mark: number, head: Head, journalHead: Head): void {
    this.#log.rollback(mark);
    this.#head = head;
    this.#journalHead = journalHead;
    if (this.#scopes.undo(depth)) this.#written = false;
    if (depth === 0) this.#log.active = false;
  }

  /**
   * Another connection (a second process on the same file) may have committed since we last
   * looked; `data_version` changes exactly then, and the caches are dropped.
   */
  #revalidate(): void {
    if (!this.#file) return;
    const version = this.#st("PRAGMA data_version").pluck().get() as number;
    if (version !== this.#dataVersion) {
      if (this.#dataVersion !== undefined) this.#dropCaches();
      this.#dataVersion = version;
    }
  }

  /** Reads outside a transaction revalidate first; inside one the write lock keeps caches true. */
  #beforeRead(): void {
    if (this.#depth === 0) this.#revalidate();
  }

  #trimCaches(): void {
    this.#meta.trim();
    this.#principals.trim();
    this.#balances.trim();
    this.#artifacts.trim();
  }

  #dropCaches(): void {
    for (const c of [this.#meta, this.#principals, this.#balances, this.#artifacts]) c.clear();
    this.#events.clear();
    this.#head = null;
    this.#journalHead = null;
  }

  /** How many statements are prepared and cached; for tests and diagnostics. */
  get preparedStatements(): number {
    return this.#cache.size + this.#scopes.prepared;
  }

  inTransaction(): boolean {
    return this.#depth > 0;
  }

  getMeta(key: string): string | undefined {
    this.#beforeRead();
    return this.#meta.read(key, () => {
      const r = this.#st("SELECT value FROM meta WHERE key = ?").get(key) as Raw | undefined;
      return r?.value as string | undefined;
    });
  }

  setMeta(key: string, value: string): void {
    this.#written = true;
    this.#meta.set(key, value);
    this.#st(
      "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    ).run(key, value);
  }

  insertPrincipal(id: string, createdAt: number): void {
    this.#written = true;
    this.#principals.set(id, true);
    this.#st("INSERT INTO principals (id, created_at) VALUES (?, ?)").run(id, createdAt);
  }

  hasPrincipal(id: string): boolean {
    this.#beforeRead();
    return this.#principals.read(
      id,
      () => this.#st("SELECT 1 FROM principals WHERE id = ?").get(id) !== undefined,
    );
  }

  listPrincipals(limit: number, offset: number): { id: string; createdAt: number }[] {
    const rows = this.#st("SELECT id, created_at FROM principals ORDER BY id LIMIT ? OFFSET ?").all(
      limit,
      offset,
    ) as Raw[];
    return rows.map((r) => ({ id: r.id as string, createdAt: r.created_at as number }));
  }

  getBalance(id: string): number {
    this.#beforeRead();
    return this.#balances.read(id, () => {
      const r = this.#st("SELECT amount FROM balances WHERE id = ?").get(id) as Raw | undefined;
      return (r?.amount as number | undefined) ?? 0;
    });
  }

  setBalance(id: string, amount: number): void {
    this.#written = true;
    this.#balances.set(id, amount);
    this.#st(
      "INSERT INTO balances (id, amount) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET amount = excluded.amount",
    ).run(id, amount);
  }

  allBalances(): [string, number][] {
    const rows = this.#st("SELECT id, amount FROM balances WHERE amount <> 0 ORDER BY id")
      .raw()
      .all() as [string, number][];
    return rows;
  }

  getArtifact(id: string): ArtifactRow | undefined {
    this.#beforeRead();
    const cached = this.#artifacts.read(id, () => {
      const r = this.#st(`SELECT ${ARTIFACT_COLUMNS} FROM artifacts WHERE id = ?`).get(id);
      return r ? toArtifact(r as Raw) : undefined;
    });
    // Rows are copied out of (and into) the cache: callers mutate the row they get.
    return cached ? { ...cached } : undefined;
  }

  insertArtifact(row: ArtifactRow, code: string | null): void {
    this.#written = true;
    this.#artifacts.set(row.id, { ...row });
    this.#st(
      `INSERT INTO artifacts (${ARTIFACT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...artifactValues(row));
    if (code !== null)
      this.#st("INSERT INTO artifact_code (id, code) VALUES (?, ?)").run(row.id, code);
  }

  updateArtifact(row: ArtifactRow): void {
    this.#written = true;
    this.#artifacts.set(row.id, { ...row });
    const values = artifactValues(row);
    values.push(values.shift() as string);
    this.#st(
      "UPDATE artifacts SET kind = ?, owner = ?, created_by = ?, created_at = ?, updated_at = ?, version = ?, content = ?, state = ?, policy = ?, metadata = ?, deleted = ?, code_hash = ? WHERE id = ?",
    ).run(...values);
  }

  updateState(id: string, state: string, version: number, updatedAt: number): void {
    this.#written = true;
    const cached = this.#artifacts.get(id);
    if (cached) this.#artifacts.set(id, { ...cached, state, version, updatedAt });
    this.#st("UPDATE artifacts SET state = ?, version = ?, updated_at = ? WHERE id = ?").run(
      state,
      version,
      updatedAt,
      id,
    );
  }

  getCode(id: string): string | undefined {
    const r = this.#st("SELECT code FROM artifact_code WHERE id = ?").get(id) as Raw | undefined;
    return r?.code as string | undefined;
  }

  updateCode(id: string, code: string): void {
    this.#written = true;
    this.#st("UPDATE artifact_code SET code = ? WHERE id = ?").run(code, id);
  }

  queryArtifacts(q: ArtifactQuery): ArtifactRow[] {
    const { sql, params } = artifactsSql(q);
    return (this.#st(sql).all(...params) as Raw[]).map(toArtifact);
  }

  getListing(artifactId: string): ListingRow | undefined {
    const r = this.#st("SELECT * FROM listings WHERE artifact_id = ?").get(artifactId) as
      | Raw
      | undefined;
    return r ? toListing(r) : undefined;
  }

  putListing(l: ListingRow): void {
    this.#written = true;
    this.#st(
      "INSERT OR REPLACE INTO listings (artifact_id, seller, price, buyer, status, created_at, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    ).run(l.artifactId, l.seller, l.price, l.buyer, l.status, l.createdAt, l.closedAt);
  }

  queryListings(q: ListingQuery): ListingRow[] {
    const { sql, params } = listingsSql(q);
    return (this.#st(sql).all(...params) as Raw[]).map(toListing);
  }

  lastEvent(): { seq: number; hash: string } | undefined {
    this.#beforeRead();
    if (this.#head === null) {
      this.#head = this.#st("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").get() as
        | { seq: number; hash: string }
        | undefined;
    }
    return this.#head;
  }

  insertEvent(e: EventRow, subjects: Map<string, number>): void {
    this.#written = true;
    this.#head = { seq: e.seq, hash: e.hash };
    if (this.#depth > 0) this.#events.push({ row: e, subjects });
    else this.#writeEvents([{ row: e, subjects }]);
  }

  #writeEvents(events: PendingEvent[]): void {
    for (let i = 0; i < events.length; i += EVENT_CHUNK) {
      const chunk = events.slice(i, i + EVENT_CHUNK);
      const values: unknown[] = [];
      for (const { row: e } of chunk)
        values.push(e.seq, e.time, e.tx, e.type, e.actor, e.target, e.data, e.hash);
      this.#st(
        `INSERT INTO events (seq, time, tx, type, actor, target, data, hash) VALUES ${placeholders(chunk.length, 8)}`,
      ).run(...values);
      const refs: unknown[] = [];
      for (const { row: e, subjects } of chunk)
        for (const [id, roles] of subjects) refs.push(id, e.seq, roles);
      this.#st(
        `INSERT INTO event_subjects (id, seq, roles) VALUES ${placeholders(refs.length / 3, 3)}`,
      ).run(...refs);
    }
  }

  queryEvents(q: EventQuery): EventRow[] {
    this.#events.flush();
    const types = q.types ?? [null];
    // One ordered index scan per type, merged here: SQLite cannot merge several index ranges
    // in seq order itself and would sort every match before applying LIMIT.
    const pages = types.map((t) => {
      const { sql, params } = eventScanSql(q, t, false);
      return this.#st(`${sql} LIMIT ${q.limit}`).all(...params) as EventRow[];
    });
    if (pages.length === 1) return pages[0] ?? [];
    return pages
      .flat()
      .sort((a, b) => a.seq - b.seq)
      .slice(0, q.limit);
  }

  countEvents(q: Omit<EventQuery, "limit">): number {
    this.#events.flush();
    let total = 0;
    for (const t of q.types ?? [null]) {
      const { sql, params } = eventScanSql(q, t, true);
      const rows = this.#st(sql).all(...params) as Raw[];
      total += (rows[0]?.n as number | undefined) ?? 0;
    }
    return total;
  }

  iterateEvents(): Iterable<EventRow> {
    this.#events.flush();
    // A dedicated statement: an iterating statement cannot be reused until it finishes.
    return this.#db.prepare("SELECT * FROM events ORDER BY seq").iterate() as Iterable<EventRow>;
  }

  lastJournal(): { seq: number; hash: string } | undefined {
    this.#beforeRead();
    if (this.#journalHead === null) {
      this.#journalHead = this.#st(
        "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1",
      ).get() as { seq: number; hash: string } | undefined;
    }
    return this.#journalHead;
  }

  insertJournal(r: JournalRow): void {
    this.#written = true;
    this.#journalHead = { seq: r.seq, hash: r.hash };
    this.#st(
      "INSERT INTO journal (seq, tx, time, origin, op, params, outcome, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    ).run(r.seq, r.tx, r.time, r.origin, r.op, r.params, r.outcome, r.hash);
  }

  readJournal(after: number, limit: number): JournalRow[] {
    return this.#st("SELECT * FROM journal WHERE seq > ? ORDER BY seq LIMIT ?").all(
      after,
      limit,
    ) as JournalRow[];
  }

  insertGrant(g: GrantRow): void {
    this.#written = true;
    this.#st(
      `INSERT INTO grants (id, principal, secret_hash, spend, per_call, targets, read_only,
        expires_at, confirm_above, spent, revoked, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      g.id,
      g.principal,
      g.secretHash,
      g.spend,
      g.perCall,
      g.targets,
      g.readOnly ? 1 : 0,
      g.expiresAt,
      g.confirmAbove,
      g.spent,
      g.revoked ? 1 : 0,
      g.createdAt,
    );
  }

  getGrant(id: string): GrantRow | undefined {
    // Not cached: a grant is read once per call, and always afresh from the database.
    const r = this.#st("SELECT * FROM grants WHERE id = ?").get(id) as Raw | undefined;
    return r ? toGrant(r) : undefined;
  }

  listGrants(principal: string): GrantRow[] {
    const rows = this.#st(
      "SELECT * FROM grants WHERE principal = ? ORDER BY created_at DESC, id DESC",
    ).all(principal) as Raw[];
    return rows.map(toGrant);
  }

  updateGrant(id: string, spent: number, revoked: boolean): void {
    this.#written = true;
    this.#st("UPDATE grants SET spent = ?, revoked = ? WHERE id = ?").run(
      spent,
      revoked ? 1 : 0,
      id,
    );
  }

  serialize(): Uint8Array {
    this.#events.flush();
    return this.#db.serialize();
  }

  close(): void {
    clearTimeout(this.#idleCheckpoint);
    this.#cache.clear();
    if (this.#db.open) this.#db.close();
  }
}
