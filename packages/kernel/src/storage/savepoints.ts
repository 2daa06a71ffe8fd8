import type Database from "better-sqlite3";

type Statement = Database.Statement;

/** The statements of the savepoint at one depth. */
interface Level {
  open: Statement;
  rollback: Statement;
  release: Statement;
}

/**
 * The SQL of nested atomic scopes on one connection: the transaction at depth 0
 * (`BEGIN IMMEDIATE`, so the write lock is held from the start), savepoints below it. Savepoints
 * are named by depth — open ones never share a depth — and their statements are prepared once
 * per depth, so a transaction of 100,000 nested calls prepares as few as one of depth 8.
 *
 * A savepoint that ends directly inside the transaction is not released: COMMIT or ROLLBACK ends
 * it with the transaction, and the next savepoint at that depth releases it first. A top-level
 * invoke's frame is such a savepoint, followed by nothing but its failure records and the
 * commit, so this saves a statement per invoke (~1 µs, 2–3 % of a ledger transfer).
 */
export class Savepoints {
  readonly #db: Database.Database;
  readonly #levels: Level[] = [];
  readonly #begin: Statement;
  readonly #commit: Statement;
  readonly #rollback: Statement;
  /** Whether the savepoint at depth 1 ended but is not released yet. */
  #pending = false;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#begin = db.prepare("BEGIN IMMEDIATE");
    this.#commit = db.prepare("COMMIT");
    this.#rollback = db.prepare("ROLLBACK");
  }

  /** Opens the scope at `depth` (0: the transaction). */
  open(depth: number): void {
    if (depth === 0) return void this.#begin.run();
    if (depth === 1 && this.#pending) {
      this.#level(1).release.run();
      this.#pending = false;
    }
    this.#level(depth).open.run();
  }

  /** Keeps what the scope at `depth` did; at depth 0, commits. */
  keep(depth: number): void {
    if (depth === 0) {
      this.#pending = false;
      this.#commit.run();
    } else this.#end(depth);
  }

  /** Undoes what the scope at `depth` did and ends it; at depth 0, rolls the transaction back. */
  undo(depth: number): void {
    if (depth === 0) {
      this.#pending = false;
      this.#rollback.run();
    } else {
      this.#level(depth).rollback.run();
      this.#end(depth);
    }
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
