import { CommitListeners } from "./commit-listeners.js";
import { EventBuffer, type PendingEvent } from "./event-buffer.js";
import { artifactsSql, eventScanSql, listingsSql, placeholders } from "./query-sql.js";
import { ARTIFACT_COLUMNS, artifactValues, toArtifact, toGrant, toListing } from "./rows.js";
import type { SqlBackend } from "./sql-backend.js";
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

/** Events per multi-row INSERT (8 parameters each, far below either engine's limit). */
const EVENT_CHUNK = 100;
/** Events per page when iterating the whole log. */
const EVENT_PAGE = 1000;

/** The chain head: unknown (null), empty log (undefined) or the last event. */
type Head = { seq: number; hash: string } | undefined | null;

/**
 * {@link Storage} over a raw {@link SqlBackend}, with write-through caches that roll back with
 * savepoints (ADR 0006) and events buffered until commit. SQLite and PostgreSQL share it
 * (ADR 0040); each supplies the backend. Owns the backend and closes it.
 */
export class CachedStorage implements Storage {
  protected readonly backend: SqlBackend;
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
  /** The listeners of {@link onCommit}, notified after this storage's own commits. */
  protected readonly commits = new CommitListeners();
  /** Whether anything was written since the transaction began (see `Savepoints`). */
  #written = false;

  constructor(backend: SqlBackend) {
    this.backend = backend;
  }

  atomic<T>(fn: () => T, keep: (result: T) => boolean): T {
    const depth = this.#depth;
    if (depth === 0) {
      this.#trimCaches();
      this.#written = false;
    }
    this.backend.scopes.open(depth, !this.#written);
    // Holding the write lock now, so nobody else can commit until we are done.
    if (depth === 0 && this.backend.stale()) this.#dropCaches();
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
    this.#keep(depth);
    return result;
  }

  #keep(depth: number): void {
    try {
      if (depth === 0) this.#events.flush();
      this.backend.scopes.keep(depth, this.#written);
    } catch (e) {
      // A failed COMMIT leaves the caches unknowable: start them afresh.
      this.#dropCaches();
      if (depth === 0) this.#log.active = false;
      throw e;
    }
    if (depth === 0) {
      this.#log.commit();
      this.#log.active = false;
      this.backend.committed();
      this.commitNotified();
    }
  }

  /** Tells the commit listeners about this storage's own commit (PostgreSQL relies on NOTIFY). */
  protected commitNotified(): void {
    this.commits.notify();
  }

  #undo(depth: number, mark: number, head: Head, journalHead: Head): void {
    this.#log.rollback(mark);
    this.#head = head;
    this.#journalHead = journalHead;
    try {
      if (this.backend.scopes.undo(depth)) this.#written = false;
    } catch (e) {
      this.#dropCaches();
      throw e;
    } finally {
      if (depth === 0) this.#log.active = false;
    }
  }

  /** Reads outside a transaction revalidate first; inside one the write lock keeps caches true. */
  #beforeRead(): void {
    if (this.#depth === 0 && this.backend.stale()) this.#dropCaches();
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

  inTransaction(): boolean {
    return this.#depth > 0;
  }

  getMeta(key: string): string | undefined {
    this.#beforeRead();
    return this.#meta.read(
      key,
      () => this.backend.get("SELECT value FROM meta WHERE key = ?", [key])?.value as string,
    );
  }

  setMeta(key: string, value: string): void {
    this.#written = true;
    this.#meta.set(key, value);
    this.backend.run(
      "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
      [key, value],
    );
  }

  insertPrincipal(id: string, createdAt: number): void {
    this.#written = true;
    this.#principals.set(id, true);
    this.backend.run("INSERT INTO principals (id, created_at) VALUES (?, ?)", [id, createdAt]);
  }

  hasPrincipal(id: string): boolean {
    this.#beforeRead();
    return this.#principals.read(
      id,
      () => this.backend.get("SELECT 1 AS one FROM principals WHERE id = ?", [id]) !== undefined,
    );
  }

  listPrincipals(limit: number, offset: number): { id: string; createdAt: number }[] {
    const rows = this.backend.all(
      "SELECT id, created_at FROM principals ORDER BY id LIMIT ? OFFSET ?",
      [limit, offset],
    );
    return rows.map((r) => ({ id: r.id as string, createdAt: r.created_at as number }));
  }

  getBalance(id: string): number {
    this.#beforeRead();
    return this.#balances.read(
      id,
      () =>
        (this.backend.get("SELECT amount FROM balances WHERE id = ?", [id])?.amount as
          | number
          | undefined) ?? 0,
    );
  }

  setBalance(id: string, amount: number): void {
    this.#written = true;
    this.#balances.set(id, amount);
    this.backend.run(
      "INSERT INTO balances (id, amount) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET amount = excluded.amount",
      [id, amount],
    );
  }

  allBalances(): [string, number][] {
    const rows = this.backend.all(
      "SELECT id, amount FROM balances WHERE amount <> 0 ORDER BY id",
      [],
    );
    return rows.map((r) => [r.id as string, r.amount as number]);
  }

  getArtifact(id: string): ArtifactRow | undefined {
    this.#beforeRead();
    const cached = this.#artifacts.read(id, () => {
      const r = this.backend.get(`SELECT ${ARTIFACT_COLUMNS} FROM artifacts WHERE id = ?`, [id]);
      return r ? toArtifact(r) : undefined;
    });
    // Rows are copied out of (and into) the cache: callers mutate the row they get.
    return cached ? { ...cached } : undefined;
  }

  insertArtifact(row: ArtifactRow, code: string | null): void {
    this.#written = true;
    this.#artifacts.set(row.id, { ...row });
    this.backend.run(
      `INSERT INTO artifacts (${ARTIFACT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      artifactValues(row),
    );
    if (code !== null)
      this.backend.run("INSERT INTO artifact_code (id, code) VALUES (?, ?)", [row.id, code]);
  }

  updateArtifact(row: ArtifactRow): void {
    this.#written = true;
    this.#artifacts.set(row.id, { ...row });
    const values = artifactValues(row);
    values.push(values.shift() as string);
    this.backend.run(
      "UPDATE artifacts SET kind = ?, owner = ?, created_by = ?, created_at = ?, updated_at = ?, version = ?, content = ?, state = ?, policy = ?, metadata = ?, deleted = ?, code_hash = ? WHERE id = ?",
      values,
    );
  }

  updateState(id: string, state: string, version: number, updatedAt: number): void {
    this.#written = true;
    const cached = this.#artifacts.get(id);
    if (cached) this.#artifacts.set(id, { ...cached, state, version, updatedAt });
    this.backend.run("UPDATE artifacts SET state = ?, version = ?, updated_at = ? WHERE id = ?", [
      state,
      version,
      updatedAt,
      id,
    ]);
  }

  getCode(id: string): string | undefined {
    return this.backend.get("SELECT code FROM artifact_code WHERE id = ?", [id])?.code as
      | string
      | undefined;
  }

  updateCode(id: string, code: string): void {
    this.#written = true;
    this.backend.run("UPDATE artifact_code SET code = ? WHERE id = ?", [code, id]);
  }

  queryArtifacts(q: ArtifactQuery): ArtifactRow[] {
    const { sql, params } = artifactsSql(q, this.backend.dialect);
    return this.backend.all(sql, params).map(toArtifact);
  }

  getListing(artifactId: string): ListingRow | undefined {
    const r = this.backend.get("SELECT * FROM listings WHERE artifact_id = ?", [artifactId]);
    return r ? toListing(r) : undefined;
  }

  putListing(l: ListingRow): void {
    this.#written = true;
    this.backend.run(
      `INSERT INTO listings (artifact_id, seller, price, buyer, status, created_at, closed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(artifact_id) DO UPDATE SET seller = excluded.seller,
       price = excluded.price, buyer = excluded.buyer, status = excluded.status,
       created_at = excluded.created_at, closed_at = excluded.closed_at`,
      [l.artifactId, l.seller, l.price, l.buyer, l.status, l.createdAt, l.closedAt],
    );
  }

  queryListings(q: ListingQuery): ListingRow[] {
    const { sql, params } = listingsSql(q);
    return this.backend.all(sql, params).map(toListing);
  }

  lastEvent(): { seq: number; hash: string } | undefined {
    this.#beforeRead();
    if (this.#head === null)
      this.#head = this.backend.get("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1", []) as
        | { seq: number; hash: string }
        | undefined;
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
      this.backend.run(
        `INSERT INTO events (seq, time, tx, type, actor, target, data, hash) VALUES ${placeholders(chunk.length, 8)}`,
        values,
      );
      const refs: unknown[] = [];
      for (const { row: e, subjects } of chunk)
        for (const [id, roles] of subjects) refs.push(id, e.seq, roles);
      if (refs.length > 0)
        this.backend.run(
          `INSERT INTO event_subjects (id, seq, roles) VALUES ${placeholders(refs.length / 3, 3)}`,
          refs,
        );
    }
  }

  /** Writes buffered events now (before anything reads the events table). */
  protected flushEvents(): void {
    this.#events.flush();
  }

  queryEvents(q: EventQuery): EventRow[] {
    this.#events.flush();
    const types = q.types ?? [null];
    // One ordered index scan per type, merged here: SQLite cannot merge several index ranges
    // in seq order itself and would sort every match before applying LIMIT.
    const pages = types.map((t) => {
      const { sql, params } = eventScanSql(q, t, false);
      return this.backend.all(`${sql} LIMIT ${q.limit}`, params) as unknown as EventRow[];
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
      total += (this.backend.get(sql, params)?.n as number | undefined) ?? 0;
    }
    return total;
  }

  /** The whole log in pages (a backend with cursors may override this). */
  *iterateEvents(): Iterable<EventRow> {
    this.#events.flush();
    let after = 0;
    for (;;) {
      const page = this.backend.all("SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?", [
        after,
        EVENT_PAGE,
      ]) as unknown as EventRow[];
      yield* page;
      if (page.length < EVENT_PAGE) return;
      after = (page[page.length - 1] as EventRow).seq;
    }
  }

  lastJournal(): { seq: number; hash: string } | undefined {
    this.#beforeRead();
    if (this.#journalHead === null)
      this.#journalHead = this.backend.get(
        "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1",
        [],
      ) as { seq: number; hash: string } | undefined;
    return this.#journalHead;
  }

  insertJournal(r: JournalRow): void {
    this.#written = true;
    this.#journalHead = { seq: r.seq, hash: r.hash };
    this.backend.run(
      "INSERT INTO journal (seq, tx, time, origin, op, params, outcome, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      [r.seq, r.tx, r.time, r.origin, r.op, r.params, r.outcome, r.hash],
    );
  }

  readJournal(after: number, limit: number): JournalRow[] {
    return this.backend.all("SELECT * FROM journal WHERE seq > ? ORDER BY seq LIMIT ?", [
      after,
      limit,
    ]) as unknown as JournalRow[];
  }

  insertGrant(g: GrantRow): void {
    this.#written = true;
    this.backend.run(
      `INSERT INTO grants (id, principal, secret_hash, spend, per_call, targets, read_only,
        expires_at, confirm_above, spent, revoked, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
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
      ],
    );
  }

  getGrant(id: string): GrantRow | undefined {
    // Not cached: a grant is read once per call, and always afresh from the database.
    const r = this.backend.get("SELECT * FROM grants WHERE id = ?", [id]);
    return r ? toGrant(r) : undefined;
  }

  listGrants(principal: string): GrantRow[] {
    return this.backend
      .all("SELECT * FROM grants WHERE principal = ? ORDER BY created_at DESC, id DESC", [
        principal,
      ])
      .map(toGrant);
  }

  updateGrant(id: string, spent: number, revoked: boolean): void {
    this.#written = true;
    this.backend.run("UPDATE grants SET spent = ?, revoked = ? WHERE id = ?", [
      spent,
      revoked ? 1 : 0,
      id,
    ]);
  }

  getCredential(name: string): string | undefined {
    return this.backend.get("SELECT value FROM credentials WHERE name = ?", [name])?.value as
      | string
      | undefined;
  }

  putCredential(name: string, value: string): void {
    this.#written = true;
    this.backend.run(
      "INSERT INTO credentials (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
      [name, value],
    );
  }

  deleteCredential(name: string): boolean {
    this.#written = true;
    return this.backend.count("DELETE FROM credentials WHERE name = ?", [name]) > 0;
  }

  listCredentials(prefix: string): { name: string; value: string }[] {
    // substr rather than LIKE: a prefix may hold % or _, which LIKE would treat as wildcards.
    return this.backend.all(
      "SELECT name, value FROM credentials WHERE substr(name, 1, length(CAST(? AS TEXT))) = ? ORDER BY name",
      [prefix, prefix],
    ) as { name: string; value: string }[];
  }

  onCommit(listener: () => void): () => void {
    return this.commits.add(listener);
  }

  close(): void {
    this.commits.clear();
    this.backend.close();
  }
}
