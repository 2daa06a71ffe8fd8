import Database from "better-sqlite3";
import { KernelError } from "../kernel-error.js";
import { migrate } from "./migrations.js";
import { SqliteStorage } from "./sqlite-storage.js";
import type { Snapshotting, Storage } from "./storage.js";

/**
 * How an SQLite file survives crashes (ADR 0006): `"process"` (default) keeps every
 * acknowledged transaction across kill -9; `"power"` also across power loss, much slower.
 *
 * @example
 * ```ts
 * await createKernel({ storage: "economy.db", durability: "power" });
 * ```
 */
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
): Storage & Snapshotting {
  let db: Database.Database;
  try {
    db = typeof source === "string" ? new Database(source) : new Database(asBuffer(source));
  } catch (e) {
    throw new KernelError("storage_failure", `cannot open database: ${(e as Error).message}`);
  }
  if (typeof source === "string" && source !== ":memory:") {
    db.pragma("journal_mode = WAL");
    db.pragma(`synchronous = ${options.durability === "power" ? "FULL" : "NORMAL"}`);
    db.pragma("busy_timeout = 5000");
    // Checkpoints fsync; at the default 1,000 pages one lands every ~150 commits and dominates
    // commit cost. Checkpoint rarely inline, and otherwise when the process is idle (below).
    db.pragma("wal_autocheckpoint = 10000");
  }
  migrate(db);
  return new SqliteStorage(db, typeof source === "string" && source !== ":memory:");
}

/**
 * A Buffer over the same memory, without copying: better-sqlite3 copies the bytes into SQLite's
 * own memory when it opens them, so a second 3–4 MiB copy here would only add page faults and
 * garbage-collector pressure (both measured to dominate restore).
 */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
