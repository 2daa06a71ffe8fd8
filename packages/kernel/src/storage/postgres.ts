import { createHash } from "node:crypto";
import { KernelError } from "../kernel-error.js";
import { CachedStorage } from "./cached-storage.js";
import { type LockStats, PgBackend } from "./pg-backend.js";
import { type BridgeStats, PgBridge } from "./pg-bridge.js";
import { PgListener } from "./pg-listen.js";
import { migratePostgres } from "./pg-migrations.js";

/** Our own URL parameter, stripped before connecting: the schema that holds the economy. */
const SCHEMA_PARAM = "schema";
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const CONNECT_TIMEOUT_MS = 5000;
const CALL_TIMEOUT_MS = 30_000;
/** Idle connections kept for reuse (see `reuseConnection`), by connection string. */
const idle = new Map<string, PgBridge[]>();

/** Options of {@link openPostgresStorage}. */
export interface PostgresOptions {
  /** Drop the whole schema on close (tests that make one economy per kernel). */
  dropSchemaOnClose?: boolean;
  /**
   * On close, keep the connection (and its worker) for the next storage opened with the same
   * URL and this option, instead of ending it: the PostgreSQL test project opens hundreds of
   * short-lived economies. Idle pooled connections never keep a process alive.
   */
  reuseConnection?: boolean;
  /** Pipeline statements that return nothing (default true; false only to measure the gain). */
  pipeline?: boolean;
}

/** A parsed connection URL: what to connect to, where (for messages), and the schema. */
interface Target {
  connectionString: string;
  where: string;
  schema: string;
}

/**
 * Splits our `?schema=` off a `postgres://` URL.
 *
 * @throws {KernelError} `invalid_options` for a URL that does not parse or a bad schema name.
 */
export function parsePostgresUrl(url: string): Target {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new KernelError("invalid_options", "storage: not a valid postgres:// URL");
  }
  const schema = parsed.searchParams.get(SCHEMA_PARAM) ?? "public";
  if (!SCHEMA_NAME.test(schema))
    throw new KernelError(
      "invalid_options",
      `storage: schema must match ${SCHEMA_NAME.source} (letters, digits, underscore)`,
    );
  parsed.searchParams.delete(SCHEMA_PARAM);
  const where = `${parsed.hostname || "localhost"}:${parsed.port || "5432"}`;
  return { connectionString: parsed.toString(), where, schema };
}

/** The advisory lock key of an economy: 63 bits of its schema name's hash, as SQL text. */
function lockKey(schema: string): string {
  const h = createHash("sha256").update(`ecology:${schema}`).digest();
  return h.readBigInt64BE(0).toString();
}

/**
 * The PostgreSQL implementation of `Storage` (ADR 0040): a {@link CachedStorage} over a
 * synchronous bridge to a worker thread's connection. Commits are globally ordered by the
 * economy's advisory lock; `onCommit` listeners hear every process's commits through
 * LISTEN/NOTIFY on a second, asynchronous connection (opened on the first subscription, reopened
 * with backoff whenever it fails: ADR 0043).
 * No snapshot capability. Created by {@link openPostgresStorage}; owns both connections.
 */
export class PostgresStorage extends CachedStorage {
  readonly #pg: PgBackend;
  readonly #target: Target;
  readonly #dropOnClose: boolean;
  #listener: PgListener | undefined;

  /** @internal use {@link openPostgresStorage}. */
  constructor(backend: PgBackend, target: Target, options: PostgresOptions) {
    super(backend);
    this.#pg = backend;
    this.#target = target;
    this.#dropOnClose = options.dropSchemaOnClose === true;
    if (options.reuseConnection) backend.release = () => pool(backend.bridge, target);
  }

  /** Round trips and statements so far, for benchmarks. */
  get bridgeStats(): BridgeStats {
    return this.#pg.bridge.stats;
  }

  /** Transactions and time the economy's lock was held by this connection, for benchmarks. */
  get lockStats(): LockStats {
    return this.#pg.lock;
  }

  // Our own commits reach listeners through NOTIFY like everyone else's: no direct call.
  protected override commitNotified(): void {}

  override onCommit(listener: () => void): () => void {
    this.#listener ??= new PgListener(this.#target, () => this.commits.notify());
    return this.commits.add(listener);
  }

  /**
   * Settles once commit notifications are being listened for (after an `onCommit`): at once if
   * they are, else when the listener's (re)connection succeeds or the storage closes. While the
   * database cannot be reached it stays pending; without an `onCommit` it settles at once.
   */
  async listening(): Promise<void> {
    await this.#listener?.listening;
  }

  override close(): void {
    this.#listener?.close();
    this.#listener = undefined;
    if (this.#dropOnClose) {
      try {
        this.#pg.bridge.call(`DROP SCHEMA IF EXISTS "${this.#target.schema}" CASCADE`, [], "run");
      } catch {
        // Best effort: the schema was a test's scratch space.
      }
    }
    super.close();
  }
}

/**
 * Opens (creating and migrating the schema when needed) an economy in PostgreSQL.
 * `url` is a `postgres://` or `postgresql://` URL; `?schema=<name>` selects the schema
 * (default `public`). The caller owns the result and must `close()` it.
 *
 * @throws {KernelError} `storage_failure` naming host:port (never the password) when the
 *   database cannot be reached or refuses the login within 5 s; `unsupported` when its schema
 *   is newer than this kernel; `invalid_options` for a bad URL or schema name.
 * @example
 * ```ts
 * const storage = await openPostgresStorage("postgres://u:p@db:5432/eco?schema=shop");
 * ```
 */
export async function openPostgresStorage(
  url: string,
  options: PostgresOptions = {},
): Promise<PostgresStorage> {
  const target = parsePostgresUrl(url);
  const bridge =
    (options.reuseConnection && pooled(target)) ||
    (await PgBridge.open({
      ...target,
      connectTimeoutMs: CONNECT_TIMEOUT_MS,
      callTimeoutMs: CALL_TIMEOUT_MS,
      pipeline: options.pipeline !== false,
    }));
  const key = lockKey(target.schema);
  try {
    migratePostgres(bridge, target.schema, key);
  } catch (e) {
    bridge.close();
    throw e;
  }
  return new PostgresStorage(new PgBackend(bridge, key, target.schema), target, options);
}

/** An idle pooled connection for `target`, rebound to its schema, or undefined. */
function pooled(target: Target): PgBridge | undefined {
  const list = idle.get(target.connectionString);
  for (let bridge = list?.pop(); bridge; bridge = list?.pop()) {
    try {
      bridge.rebind(target.schema);
      return bridge;
    } catch {
      bridge.close();
    }
  }
  return undefined;
}

function pool(bridge: PgBridge, target: Target): void {
  if (bridge.closed) return;
  const list = idle.get(target.connectionString) ?? [];
  idle.set(target.connectionString, list);
  list.push(bridge);
}
