import type { PgBridge } from "./pg-bridge.js";
import type { Raw } from "./rows.js";
import type { Scopes, SqlBackend } from "./sql-backend.js";

/** `?` placeholders as PostgreSQL's `$1, $2, …`, memoised by statement text. */
const translated = new Map<string, string>();
function numbered(sql: string): string {
  let text = translated.get(sql);
  if (text === undefined) {
    let n = 0;
    text = sql.replace(/\?/g, () => `$${++n}`);
    translated.set(sql, text);
  }
  return text;
}

/** Time measurements of the economy-wide lock, for the benchmark. */
export interface LockStats {
  /** Outermost transactions that took the lock. */
  transactions: number;
  /** Total ms between holding the lock and its release (commit or rollback). */
  heldMs: number;
}

/**
 * Transactions and savepoints on PostgreSQL (ADR 0040). An outermost transaction begins with
 * `BEGIN` and the economy's advisory lock, the role `BEGIN IMMEDIATE` plays on an SQLite file:
 * one global order of commits across processes. It then reads the commit counter; a commit bumps
 * it and NOTIFYs `ecology_commit`. Everything but the lock-and-counter read and the COMMIT is
 * pipelined.
 */
class PgScopes implements Scopes {
  readonly #bridge: PgBridge;
  readonly #lockKey: string;
  readonly #schema: string;
  /** The counter as read under the lock (and bumped by its commit), in the open transaction. */
  counter: number | undefined;
  /** The counter as the last transaction left it. */
  last: number | undefined;
  readonly lock: LockStats = { transactions: 0, heldMs: 0 };
  #lockedAt = 0;

  constructor(bridge: PgBridge, lockKey: string, schema: string) {
    this.#bridge = bridge;
    this.#lockKey = lockKey;
    this.#schema = schema;
  }

  open(depth: number): void {
    if (depth > 0) {
      this.#bridge.post(`SAVEPOINT sp${depth}`, []);
      return;
    }
    const [, , row] = this.#bridge.batch([
      ["BEGIN", [], "run"],
      [`SELECT pg_advisory_xact_lock(${this.#lockKey})`, [], "run"],
      ["SELECT n FROM commit_counter WHERE id = 1", [], "get"],
    ]);
    this.#lockedAt = performance.now();
    this.lock.transactions++;
    this.counter = (row as { n: number }).n;
  }

  keep(depth: number, written: boolean): void {
    if (depth > 0) {
      this.#bridge.post(`RELEASE sp${depth}`, []);
      return;
    }
    if (written && this.counter !== undefined) {
      this.counter++;
      this.#bridge.post("UPDATE commit_counter SET n = n + 1 WHERE id = 1", []);
      this.#bridge.post(`NOTIFY ecology_commit, '${this.#schema}'`, []);
    }
    try {
      this.#bridge.call("COMMIT", [], "run");
    } catch (e) {
      // A pipelined statement failed, so the COMMIT was not sent and the transaction is still
      // open (aborted) on the server: end it, or every later BEGIN would fail behind it.
      this.#rollbackQuietly();
      throw e;
    } finally {
      this.#released();
    }
  }

  #rollbackQuietly(): void {
    try {
      this.#bridge.batch([["ROLLBACK", [], "run"]], true);
    } catch {
      // The connection itself is gone: the server ended the transaction with it.
    }
  }

  undo(depth: number): boolean {
    if (depth > 0) {
      this.#bridge.post(`ROLLBACK TO sp${depth}`, []);
      this.#bridge.post(`RELEASE sp${depth}`, []);
      return false;
    }
    try {
      // Waited for, so the next transaction starts clean; earlier pipelined errors belong to
      // the work being undone.
      this.#bridge.batch([["ROLLBACK", [], "run"]], true);
    } finally {
      this.#released();
    }
    return true;
  }

  #released(): void {
    this.lock.heldMs += performance.now() - this.#lockedAt;
    this.last = this.counter;
    this.counter = undefined;
  }
}

/** The PostgreSQL {@link SqlBackend}: statements through the synchronous bridge. */
export class PgBackend implements SqlBackend {
  readonly dialect = "postgres";
  readonly scopes: PgScopes;
  readonly bridge: PgBridge;
  /** The commit counter when the caches were last known true. */
  #seen: number | undefined;

  constructor(bridge: PgBridge, lockKey: string, schema: string) {
    this.bridge = bridge;
    this.scopes = new PgScopes(bridge, lockKey, schema);
  }

  /** Lock statistics of this connection's transactions. */
  get lock(): LockStats {
    return this.scopes.lock;
  }

  get(sql: string, params: unknown[]): Raw | undefined {
    return this.bridge.call(numbered(sql), params, "get") as Raw | undefined;
  }

  all(sql: string, params: unknown[]): Raw[] {
    return this.bridge.call(numbered(sql), params, "all") as Raw[];
  }

  run(sql: string, params: unknown[]): void {
    this.bridge.post(numbered(sql), params);
  }

  count(sql: string, params: unknown[]): number {
    return this.bridge.call(numbered(sql), params, "count") as number;
  }

  /**
   * Inside a transaction: the counter read under the lock. Outside one: read now (a read
   * outside a transaction sees the latest commit, so the caches must match it).
   */
  stale(): boolean {
    let counter = this.scopes.counter;
    if (counter === undefined) {
      const row = this.bridge.call("SELECT n FROM commit_counter WHERE id = 1", [], "get");
      counter = (row as { n: number }).n;
    }
    const changed = this.#seen !== undefined && counter !== this.#seen;
    this.#seen = counter;
    return changed;
  }

  committed(): void {
    this.#seen = this.scopes.last;
  }

  /** Set by the storage when the connection goes back to a pool instead of closing. */
  release: (() => void) | undefined;

  close(): void {
    if (this.release) this.release();
    else this.bridge.close();
  }
}
