import Database from "better-sqlite3";
import { KernelError } from "../kernel-error.js";
import { MIGRATIONS } from "./migrations.js";
import type {
  ArtifactQuery,
  ArtifactRow,
  EventQuery,
  EventRow,
  ListingQuery,
  ListingRow,
  Storage,
} from "./storage.js";

/** How an SQLite file survives crashes. */
export type Durability = "process" | "power";

/** Options of {@link openSqliteStorage}. */
export interface SqliteOptions {
  /**
   * `"process"` (default): WAL with `synchronous=NORMAL` — every acknowledged transaction
   * survives the process being killed (kill -9), because the WAL frames are in the OS before
   * COMMIT returns; an OS crash or power loss may drop the last few. `"power"`: `synchronous=FULL`,
   * an fsync per commit, survives power loss at a large throughput cost.
   */
  durability?: Durability;
}

type Statement = Database.Statement;
type Raw = Record<string, unknown>;

const ARTIFACT_COLUMNS =
  "id, kind, owner, created_by, created_at, updated_at, version, content, state, policy, metadata, deleted, code_hash";

function toArtifact(r: Raw): ArtifactRow {
  return {
    id: r.id as string,
    kind: r.kind as ArtifactRow["kind"],
    owner: r.owner as string,
    createdBy: r.created_by as string,
    createdAt: r.created_at as number,
    updatedAt: r.updated_at as number,
    version: r.version as number,
    content: r.content as string | null,
    state: r.state as string | null,
    policy: r.policy as string,
    metadata: r.metadata as string,
    deleted: r.deleted === 1,
    codeHash: r.code_hash as string | null,
  };
}

function toListing(r: Raw): ListingRow {
  return {
    artifactId: r.artifact_id as string,
    seller: r.seller as string,
    price: r.price as number,
    buyer: r.buyer as string | null,
    status: r.status as ListingRow["status"],
    createdAt: r.created_at as number,
    closedAt: r.closed_at as number | null,
  };
}

function migrate(db: Database.Database): void {
  db.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
  const row = db.prepare("SELECT MAX(version) AS v FROM schema_version").get() as {
    v: number | null;
  };
  const current = row.v ?? 0;
  const latest = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
  if (current > latest) {
    throw new KernelError(
      "unsupported",
      `database schema version ${current} is newer than this kernel (${latest}); upgrade @ecology/kernel`,
    );
  }
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare("INSERT INTO schema_version (version) VALUES (?)").run(m.version);
    })();
  }
}

/**
 * Opens (creating and migrating when needed) an SQLite database: `":memory:"`, a file path (WAL
 * mode), or the bytes of a {@link Storage.serialize} snapshot (in memory). The caller owns the
 * result and must `close()` it.
 *
 * @throws {KernelError} `storage_failure` when the file cannot be opened; `unsupported` when its
 * schema is newer than this kernel.
 * @example
 * ```ts
 * const storage = openSqliteStorage(":memory:");
 * ```
 */
export function openSqliteStorage(
  source: string | Uint8Array,
  options: SqliteOptions = {},
): Storage {
  let db: Database.Database;
  try {
    db = typeof source === "string" ? new Database(source) : new Database(Buffer.from(source));
  } catch (e) {
    throw new KernelError("storage_failure", `cannot open database: ${(e as Error).message}`);
  }
  if (typeof source === "string" && source !== ":memory:") {
    db.pragma("journal_mode = WAL");
    db.pragma(`synchronous = ${options.durability === "power" ? "FULL" : "NORMAL"}`);
    db.pragma("busy_timeout = 5000");
  }
  migrate(db);
  return new SqliteStorage(db);
}

class SqliteStorage implements Storage {
  readonly #db: Database.Database;
  readonly #cache = new Map<string, Statement>();
  #depth = 0;
  #savepoints = 0;

  constructor(db: Database.Database) {
    this.#db = db;
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
    const outer = this.#depth === 0;
    const name = `sp${++this.#savepoints}`;
    this.#st(outer ? "BEGIN IMMEDIATE" : `SAVEPOINT ${name}`).run();
    this.#depth++;
    let result: T;
    try {
      result = fn();
    } catch (e) {
      this.#depth--;
      this.#undo(outer, name);
      throw e;
    }
    this.#depth--;
    if (keep(result)) {
      this.#st(outer ? "COMMIT" : `RELEASE ${name}`).run();
    } else {
      this.#undo(outer, name);
    }
    if (outer) this.#savepoints = 0;
    return result;
  }

  #undo(outer: boolean, name: string): void {
    if (outer) {
      this.#st("ROLLBACK").run();
      this.#savepoints = 0;
    } else {
      this.#st(`ROLLBACK TO ${name}`).run();
      this.#st(`RELEASE ${name}`).run();
    }
  }

  inTransaction(): boolean {
    return this.#depth > 0;
  }

  getMeta(key: string): string | undefined {
    const r = this.#st("SELECT value FROM meta WHERE key = ?").get(key) as Raw | undefined;
    return r?.value as string | undefined;
  }

  setMeta(key: string, value: string): void {
    this.#st(
      "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    ).run(key, value);
  }

  insertPrincipal(id: string, createdAt: number): void {
    this.#st("INSERT INTO principals (id, created_at) VALUES (?, ?)").run(id, createdAt);
  }

  hasPrincipal(id: string): boolean {
    return this.#st("SELECT 1 FROM principals WHERE id = ?").get(id) !== undefined;
  }

  listPrincipals(limit: number, offset: number): { id: string; createdAt: number }[] {
    const rows = this.#st("SELECT id, created_at FROM principals ORDER BY id LIMIT ? OFFSET ?").all(
      limit,
      offset,
    ) as Raw[];
    return rows.map((r) => ({ id: r.id as string, createdAt: r.created_at as number }));
  }

  getBalance(id: string): number {
    const r = this.#st("SELECT amount FROM balances WHERE id = ?").get(id) as Raw | undefined;
    return (r?.amount as number | undefined) ?? 0;
  }

  setBalance(id: string, amount: number): void {
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
    const r = this.#st(`SELECT ${ARTIFACT_COLUMNS} FROM artifacts WHERE id = ?`).get(id) as
      | Raw
      | undefined;
    return r ? toArtifact(r) : undefined;
  }

  insertArtifact(row: ArtifactRow, code: string | null): void {
    this.#st(
      `INSERT INTO artifacts (${ARTIFACT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...artifactValues(row));
    if (code !== null)
      this.#st("INSERT INTO artifact_code (id, code) VALUES (?, ?)").run(row.id, code);
  }

  updateArtifact(row: ArtifactRow): void {
    const values = artifactValues(row);
    values.push(values.shift() as string);
    this.#st(
      "UPDATE artifacts SET kind = ?, owner = ?, created_by = ?, created_at = ?, updated_at = ?, version = ?, content = ?, state = ?, policy = ?, metadata = ?, deleted = ?, code_hash = ? WHERE id = ?",
    ).run(...values);
  }

  getCode(id: string): string | undefined {
    const r = this.#st("SELECT code FROM artifact_code WHERE id = ?").get(id) as Raw | undefined;
    return r?.code as string | undefined;
  }

  queryArtifacts(q: ArtifactQuery): ArtifactRow[] {
    const where = ["deleted = 0"];
    const params: unknown[] = [];
    if (q.owner !== null) {
      where.push("owner = ?");
      params.push(q.owner);
    }
    if (q.kind !== null) {
      where.push("kind = ?");
      params.push(q.kind);
    }
    if (q.nameContains !== null) {
      where.push("instr(lower(id), lower(?)) > 0");
      params.push(q.nameContains);
    }
    const sql = `SELECT ${ARTIFACT_COLUMNS} FROM artifacts WHERE ${where.join(" AND ")} ORDER BY id LIMIT ? OFFSET ?`;
    return (this.#st(sql).all(...params, q.limit, q.offset) as Raw[]).map(toArtifact);
  }

  getListing(artifactId: string): ListingRow | undefined {
    const r = this.#st("SELECT * FROM listings WHERE artifact_id = ?").get(artifactId) as
      | Raw
      | undefined;
    return r ? toListing(r) : undefined;
  }

  putListing(l: ListingRow): void {
    this.#st(
      "INSERT OR REPLACE INTO listings (artifact_id, seller, price, buyer, status, created_at, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    ).run(l.artifactId, l.seller, l.price, l.buyer, l.status, l.createdAt, l.closedAt);
  }

  queryListings(q: ListingQuery): ListingRow[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.status !== null) {
      where.push("status = ?");
      params.push(q.status);
    }
    if (q.seller !== null) {
      where.push("seller = ?");
      params.push(q.seller);
    }
    const clause = where.length > 0 ? `WHERE ${where.join(" AND ")}` : "";
    const sql = `SELECT * FROM listings ${clause} ORDER BY artifact_id LIMIT ? OFFSET ?`;
    return (this.#st(sql).all(...params, q.limit, q.offset) as Raw[]).map(toListing);
  }

  lastEvent(): { seq: number; hash: string } | undefined {
    return this.#st("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").get() as
      | { seq: number; hash: string }
      | undefined;
  }

  insertEvent(e: EventRow, subjects: Map<string, number>): void {
    this.#st(
      "INSERT INTO events (seq, time, tx, type, actor, target, data, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    ).run(e.seq, e.time, e.tx, e.type, e.actor, e.target, e.data, e.hash);
    const st = this.#st("INSERT INTO event_subjects (id, seq, roles) VALUES (?, ?, ?)");
    for (const [id, roles] of subjects) st.run(id, e.seq, roles);
  }

  queryEvents(q: EventQuery): EventRow[] {
    const types = q.types ?? [null];
    // One ordered index scan per type, merged here: SQLite cannot merge several index ranges
    // in seq order itself and would sort every match before applying LIMIT.
    const pages = types.map((t) => this.#eventScan(q, t, `LIMIT ${q.limit}`) as EventRow[]);
    if (pages.length === 1) return pages[0] ?? [];
    return pages
      .flat()
      .sort((a, b) => a.seq - b.seq)
      .slice(0, q.limit);
  }

  countEvents(q: Omit<EventQuery, "limit">): number {
    let total = 0;
    for (const t of q.types ?? [null]) {
      const rows = this.#eventScan({ ...q, limit: 0 }, t, "", true) as Raw[];
      total += (rows[0]?.n as number | undefined) ?? 0;
    }
    return total;
  }

  #eventScan(q: EventQuery, type: string | null, tail: string, count = false): unknown[] {
    const select = count
      ? "COUNT(*) AS n"
      : "e.seq, e.time, e.tx, e.type, e.actor, e.target, e.data, e.hash";
    const params: unknown[] = [];
    let sql: string;
    if (q.subject) {
      sql = `SELECT ${select} FROM event_subjects s JOIN events e ON e.seq = s.seq WHERE s.id = ? AND s.seq > ? AND s.seq < ?`;
      params.push(q.subject.id, q.after, q.before);
      if (q.subject.roles !== 3) sql += ` AND (s.roles & ${q.subject.roles}) <> 0`;
      if (q.also) {
        sql += ` AND EXISTS (SELECT 1 FROM event_subjects a WHERE a.id = ? AND a.seq = s.seq AND (a.roles & ${q.also.roles}) <> 0)`;
        params.push(q.also.id);
      }
      if (type !== null) {
        sql += " AND e.type = ?";
        params.push(type);
      }
      sql += count ? "" : " ORDER BY s.seq";
    } else if (type !== null) {
      sql = `SELECT ${select} FROM events e WHERE e.type = ? AND e.seq > ? AND e.seq < ?`;
      params.push(type, q.after, q.before);
      sql += count ? "" : " ORDER BY e.type, e.seq";
    } else {
      sql = `SELECT ${select} FROM events e WHERE e.seq > ? AND e.seq < ?`;
      params.push(q.after, q.before);
      sql += count ? "" : " ORDER BY e.seq";
    }
    return this.#st(`${sql} ${tail}`).all(...params);
  }

  iterateEvents(): Iterable<EventRow> {
    // A dedicated statement: an iterating statement cannot be reused until it finishes.
    return this.#db.prepare("SELECT * FROM events ORDER BY seq").iterate() as Iterable<EventRow>;
  }

  serialize(): Uint8Array {
    return this.#db.serialize();
  }

  close(): void {
    this.#cache.clear();
    if (this.#db.open) this.#db.close();
  }
}

function artifactValues(r: ArtifactRow): unknown[] {
  return [
    r.id,
    r.kind,
    r.owner,
    r.createdBy,
    r.createdAt,
    r.updatedAt,
    r.version,
    r.content,
    r.state,
    r.policy,
    r.metadata,
    r.deleted ? 1 : 0,
    r.codeHash,
  ];
}
