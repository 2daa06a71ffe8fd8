import type Database from "better-sqlite3";
import { KernelError } from "../kernel-error.js";

/** One schema step. Migrations only ever append; a released step is never edited. */
export interface Migration {
  version: number;
  sql: string;
}

/** The schema, as ordered migrations recorded in `schema_version`. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
      CREATE TABLE principals (id TEXT PRIMARY KEY, created_at INTEGER NOT NULL) WITHOUT ROWID;
      CREATE TABLE balances (id TEXT PRIMARY KEY, amount INTEGER NOT NULL) WITHOUT ROWID;
      CREATE TABLE artifacts (
        id TEXT PRIMARY KEY, kind TEXT NOT NULL, owner TEXT NOT NULL, created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, version INTEGER NOT NULL,
        content TEXT, state TEXT, policy TEXT NOT NULL, metadata TEXT NOT NULL,
        deleted INTEGER NOT NULL, code_hash TEXT
      );
      CREATE INDEX artifacts_owner ON artifacts (owner, id);
      CREATE TABLE artifact_code (id TEXT PRIMARY KEY, code TEXT NOT NULL) WITHOUT ROWID;
      CREATE TABLE listings (
        artifact_id TEXT PRIMARY KEY, seller TEXT NOT NULL, price INTEGER NOT NULL, buyer TEXT,
        status TEXT NOT NULL, created_at INTEGER NOT NULL, closed_at INTEGER
      ) WITHOUT ROWID;
      CREATE INDEX listings_status ON listings (status, artifact_id);
      CREATE TABLE events (
        seq INTEGER PRIMARY KEY, time INTEGER NOT NULL, tx TEXT NOT NULL, type TEXT NOT NULL,
        actor TEXT NOT NULL, target TEXT, data TEXT NOT NULL, hash TEXT NOT NULL
      );
      CREATE INDEX events_type ON events (type, seq);
      CREATE TABLE event_subjects (
        id TEXT NOT NULL, seq INTEGER NOT NULL, roles INTEGER NOT NULL, PRIMARY KEY (id, seq)
      ) WITHOUT ROWID;
    `,
  },
  {
    // The journal (DESIGN.md §9): one row per top-level operation, with its exact inputs.
    version: 2,
    sql: `
      CREATE TABLE journal (
        seq INTEGER PRIMARY KEY, tx TEXT NOT NULL, time INTEGER NOT NULL, origin TEXT NOT NULL,
        op TEXT NOT NULL, params TEXT NOT NULL, outcome TEXT NOT NULL, hash TEXT NOT NULL
      );
    `,
  },
  {
    // Grants (DESIGN.md §10): scoped, budgeted authority; the token's secret only as a hash.
    version: 3,
    sql: `
      CREATE TABLE grants (
        id TEXT PRIMARY KEY, principal TEXT NOT NULL, secret_hash TEXT NOT NULL,
        spend INTEGER NOT NULL, per_call INTEGER, targets TEXT NOT NULL, read_only INTEGER NOT NULL,
        expires_at INTEGER, confirm_above INTEGER, spent INTEGER NOT NULL,
        revoked INTEGER NOT NULL, created_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX grants_principal ON grants (principal, created_at);
    `,
  },
  {
    // Credentials the server keeps (token hashes by name: operator, viewer, principal:<id>).
    version: 4,
    sql: "CREATE TABLE credentials (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;",
  },
];

/**
 * Brings a database to the latest schema, one recorded step at a time.
 *
 * @throws {KernelError} `unsupported` when the database is newer than this kernel.
 */
export function migrate(db: Database.Database): void {
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
