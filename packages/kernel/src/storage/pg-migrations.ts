import { KernelError } from "../kernel-error.js";
import type { Migration } from "./migrations.js";
import type { Op, PgBridge } from "./pg-bridge.js";

/**
 * The PostgreSQL schema, as the same numbered steps as SQLite's (`schema_version` means the same
 * thing in both). Ids and other keys are `COLLATE "C"` so they sort by code point, as in SQLite:
 * query pages and replays must not depend on the server's locale. Scrip, times and sequence
 * numbers are BIGINT. `commit_counter` is PostgreSQL's only extra: every commit bumps it, and a
 * process whose last seen value differs drops its caches (ADR 0040).
 */
export const PG_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE meta (key TEXT COLLATE "C" PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE principals (id TEXT COLLATE "C" PRIMARY KEY, created_at BIGINT NOT NULL);
      CREATE TABLE balances (id TEXT COLLATE "C" PRIMARY KEY, amount BIGINT NOT NULL);
      CREATE TABLE artifacts (
        id TEXT COLLATE "C" PRIMARY KEY, kind TEXT NOT NULL, owner TEXT COLLATE "C" NOT NULL,
        created_by TEXT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,
        version BIGINT NOT NULL, content TEXT, state TEXT, policy TEXT NOT NULL,
        metadata TEXT NOT NULL, deleted INTEGER NOT NULL, code_hash TEXT
      );
      CREATE INDEX artifacts_owner ON artifacts (owner, id);
      CREATE TABLE artifact_code (id TEXT COLLATE "C" PRIMARY KEY, code TEXT NOT NULL);
      CREATE TABLE listings (
        artifact_id TEXT COLLATE "C" PRIMARY KEY, seller TEXT NOT NULL, price BIGINT NOT NULL,
        buyer TEXT, status TEXT NOT NULL, created_at BIGINT NOT NULL, closed_at BIGINT
      );
      CREATE INDEX listings_status ON listings (status, artifact_id);
      CREATE TABLE events (
        seq BIGINT PRIMARY KEY, time BIGINT NOT NULL, tx TEXT NOT NULL, type TEXT COLLATE "C" NOT NULL,
        actor TEXT NOT NULL, target TEXT, data TEXT NOT NULL, hash TEXT NOT NULL
      );
      CREATE INDEX events_type ON events (type, seq);
      CREATE TABLE event_subjects (
        id TEXT COLLATE "C" NOT NULL, seq BIGINT NOT NULL, roles INTEGER NOT NULL,
        PRIMARY KEY (id, seq)
      );
      CREATE TABLE commit_counter (id INTEGER PRIMARY KEY, n BIGINT NOT NULL);
      INSERT INTO commit_counter (id, n) VALUES (1, 0);
    `,
  },
  {
    version: 2,
    sql: `
      CREATE TABLE journal (
        seq BIGINT PRIMARY KEY, tx TEXT NOT NULL, time BIGINT NOT NULL, origin TEXT NOT NULL,
        op TEXT NOT NULL, params TEXT NOT NULL, outcome TEXT NOT NULL, hash TEXT NOT NULL
      );
    `,
  },
  {
    version: 3,
    sql: `
      CREATE TABLE grants (
        id TEXT COLLATE "C" PRIMARY KEY, principal TEXT COLLATE "C" NOT NULL,
        secret_hash TEXT NOT NULL, spend BIGINT NOT NULL, per_call BIGINT,
        targets TEXT NOT NULL, read_only INTEGER NOT NULL, expires_at BIGINT,
        confirm_above BIGINT, spent BIGINT NOT NULL, revoked INTEGER NOT NULL,
        created_at BIGINT NOT NULL
      );
      CREATE INDEX grants_principal ON grants (principal, created_at);
    `,
  },
  {
    version: 4,
    sql: `CREATE TABLE credentials (name TEXT COLLATE "C" PRIMARY KEY, value TEXT NOT NULL);`,
  },
];

/**
 * Creates the schema (if missing) and brings it to the latest version, under the economy's
 * advisory lock so that processes opening the same economy at once migrate it exactly once.
 *
 * @throws {KernelError} `unsupported` when the schema is newer than this kernel.
 */
export function migratePostgres(bridge: PgBridge, schema: string, lockKey: string): void {
  bridge.batch([
    ["BEGIN", [], "run"],
    [`SELECT pg_advisory_xact_lock(${lockKey})`, [], "run"],
    [`CREATE SCHEMA IF NOT EXISTS "${schema}"`, [], "run"],
    ["CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)", [], "run"],
  ]);
  try {
    const row = bridge.call("SELECT MAX(version) AS v FROM schema_version", [], "get") as {
      v: number | null;
    };
    const current = row.v ?? 0;
    const latest = PG_MIGRATIONS[PG_MIGRATIONS.length - 1]?.version ?? 0;
    if (current > latest)
      throw new KernelError(
        "unsupported",
        `database schema version ${current} is newer than this kernel (${latest}); upgrade @ecology/kernel`,
      );
    // Every missing step and the COMMIT in one round trip.
    const steps = PG_MIGRATIONS.filter((m) => m.version > current).flatMap((m): Op[] => [
      [m.sql, [], "run"],
      [`INSERT INTO schema_version (version) VALUES (${m.version})`, [], "run"],
    ]);
    bridge.batch([...steps, ["COMMIT", [], "run"]]);
  } catch (e) {
    bridge.batch([["ROLLBACK", [], "run"]], true);
    throw e;
  }
}
