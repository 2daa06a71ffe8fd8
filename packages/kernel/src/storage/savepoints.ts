import type Database from "better-sqlite3";
import type { Scopes } from "./sql-backend.js";

type Statement = Database.Statement;

/** The statements of the savepoint at one depth. */
interface Level {
  open: Statement;
  rollback: Statement;
  release: Statement;
}

/**
 * The SQL of nested atomic scopes on one connection: the transaction at depth 0, savepoints
 * below it. Savepoints are named by depth — open ones never share a depth — and their
 * statements are prepared once per depth, so a transaction of 100,000 nested calls prepares as
 * few as one of depth 8.
 *
 * Two shortcuts keep a top-level invoke (a transaction whose first act is its frame's savepoint,
 * followed by nothing but failure records and the commit) as cheap as it was without the frame
 * savepoint; each statement avoided is ~1 µs, 2–3 % of a ledger transfer:
 * - A savepoint that ends directly inside the transaction is not released: COMMIT or ROLLBACK
 *   ends it, and the next savepoint at that depth releases it first.
 * - A private (in-memory) database starts its transaction as a savepoint (`SAVEPOINT sp0`,
 *   deferred: no other connection can take the lock). `ROLLBACK TO sp0` then undoes everything
 *   and keeps the transaction open, so a savepoint opened directly inside it before anything was
 *   written needs no SQL of its own. A file shared with other processes starts with
 *   `BEGIN IMMEDIATE` instead, holding the write lock from the start (ADR 0006, ADR 0025).
 */
export class Savepoints implements Scopes {
  readonly #db: Database.Database;
  readonly #shared: boolean;
  readonly #levels: Level[] = [];
  readonly #begin: Statement;
  readonly #commit: Statement;
  readonly #rollback: Statement;
  /** Whether the savepoint at depth 1 ended but is not released yet. */
  #pending = false;
  /** Whether the scope at depth 1 is the transaction's own start point (no SQL of its own). */
  #aliased = false;

  /** `shared`: the database is a file other connections may write. */
  constructor(db: Database.Database, shared: boolean) {
    this.#db = db;
    this.#shared = shared;
    this.#begin = db.prepare(shared ? "BEGIN IMMEDIATE" : "SAVEPOINT sp0");
    this.#commit = db.prepare(shared ? "COMMIT" : "RELEASE sp0");
    this.#rollback = db.prepare("ROLLBACK");
  }

  /**
   * Opens the scope at `depth` (0: the transaction). `untouched`: nothing was written since the
   * transaction began.
   */
  open(depth: number, untouched: boolean): void {
    if (depth === 0) {
      this.#begin.run();
      return;
    }
    if (depth === 1) {
      if (this.#pending) this.#level(1).release.run();
      this.#pending = false;
      this.#aliased = untouched && !this.#shared;
      if (this.#aliased) return;
    }
    this.#level(depth).open.run();
  }

  /** Keeps what the scope at `depth` did; at depth 0, commits. */
  keep(depth: number): void {
    if (depth === 0) {
      this.#pending = false;
      this.#commit.run();
    } else if (depth === 1 && this.#aliased) this.#aliased = false;
    else this.#end(depth);
  }

  /**
   * Undoes what the scope at `depth` did and ends it; at depth 0, rolls the transaction back.
   * Returns true when the transaction is back at its start (nothing written in it any more).
   */
  undo(depth: number): boolean {
    if (depth === 0) {
      this.#pending = false;
      this.#aliased = false;
      this.#rollback.run();
      return true;
    }
    if (depth === 1 && this.#aliased) {
      this.#aliased = false;
      this.#level(0).rollback.run();
      return true;
    }
    this.#level(depth).rollback.run();
    this.#end(depth);
    return false;
  }

  /** How many statements are prepared; for tests and diagnostics. */
  get prepared(): number {
    return 3 + 3 * this.#levels.filter(Boolean).length;
  }

  #end(depth: number): void {
    if (depth === 1) this.#pending = true;
    else this.#level(depth).release.run();
  }

  #level(depth: number): Level {
    let level = this.#levels[depth];
    if (level === undefined) {
      const name = `sp${depth}`;
      level = {
        open: this.#db.prepare(`SAVEPOINT ${name}`),
        rollback: this.#db.prepare(`ROLLBACK TO ${name}`),
        release: this.#db.prepare(`RELEASE ${name}`),
      };
      this.#levels[depth] = level;
    }
    return level;
  }
}
