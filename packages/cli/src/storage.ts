import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { CliError } from "./cli-error.js";

/** The environment variable naming a PostgreSQL economy when no `--storage` is given. */
export const DATABASE_URL_ENV = "ECOLOGY_DATABASE_URL";

/** Where a command's economy lives, and why there. */
export interface StorageChoice {
  /** What `createKernel({ storage })` takes: the SQLite file's path or a `postgres://` URL. */
  spec: string;
  /** Whether `spec` is a PostgreSQL URL (an economy several servers may share). */
  postgres: boolean;
  /** Where the choice came from: `--storage`, the environment, the folder's config, or the default file. */
  source: "flag" | "env" | "config" | "default";
}

/** Path of the kernel database file inside an `.ecology/` folder (the default storage). */
export function databasePath(dir: string): string {
  return join(dir, "kernel.db");
}

/** Path of the folder's config (`{ "storage": "postgres://…" }`), written 0600 by `init --storage`. */
export function configPath(dir: string): string {
  return join(dir, "config.json");
}

/** Whether `spec` names a PostgreSQL database. */
export function isPostgresUrl(spec: string): boolean {
  return /^postgres(ql)?:\/\//i.test(spec);
}

/**
 * Decides where the economy of `dir` lives: `flag` (`--storage`) wins, then
 * `ECOLOGY_DATABASE_URL`, then the storage `ecology init --storage` recorded in the folder's
 * config, then the folder's `kernel.db`.
 *
 * @throws CliError `invalid_argument` for a storage that is neither a `postgres://` URL nor a
 *   file path, or a config file that is not JSON with a string `storage`.
 * @example
 * ```ts
 * resolveStorage(".ecology", "postgres://u:p@db/eco?schema=shop").postgres; // true
 * ```
 */
export function resolveStorage(
  dir: string,
  flag: string | undefined,
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): StorageChoice {
  const env = options.env ?? process.env;
  if (flag !== undefined) {
    const given = choice(flag, "flag");
    // A file path is kept absolute, so the recorded storage means the same from anywhere.
    return given.postgres ? given : { ...given, spec: resolve(options.cwd ?? ".", given.spec) };
  }
  const fromEnv = env[DATABASE_URL_ENV];
  if (fromEnv) return choice(fromEnv, "env");
  const recorded = readRecordedStorage(dir);
  if (recorded !== undefined) return choice(recorded, "config");
  return { spec: databasePath(dir), postgres: false, source: "default" };
}

function choice(spec: string, source: StorageChoice["source"]): StorageChoice {
  const trimmed = spec.trim();
  const otherScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) && !isPostgresUrl(trimmed);
  if (trimmed === "" || trimmed === ":memory:" || otherScheme)
    throw new CliError(
      "invalid_argument",
      `unsupported storage ${JSON.stringify(redactUrl(trimmed))}`,
      "give a postgres://user:password@host:5432/db[?schema=name] URL or the path of an SQLite file",
    );
  return { spec: trimmed, postgres: isPostgresUrl(trimmed), source };
}

/** The storage recorded in the folder's config, if any. */
export function readRecordedStorage(dir: string): string | undefined {
  const file = configPath(dir);
  if (!existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    throw new CliError("invalid_argument", `${file} is not JSON`, "fix or delete it");
  }
  const storage = (parsed as { storage?: unknown } | null)?.storage;
  if (storage === undefined) return undefined;
  if (typeof storage !== "string")
    throw new CliError(
      "invalid_argument",
      `${file}: "storage" must be a string`,
      "fix or delete it",
    );
  return storage;
}

/**
 * Records `spec` as the folder's storage, so later commands there use it. Written 0600 (the URL
 * may carry a password), beside, then renamed, so a reader never sees half a file.
 */
export function recordStorage(dir: string, spec: string): void {
  const file = configPath(dir);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify({ storage: spec }, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

/** Whether the folder has an economy: its kernel file, or a recorded storage. */
export function isInitialised(dir: string): boolean {
  return existsSync(databasePath(dir)) || readRecordedStorage(dir) !== undefined;
}

/**
 * `spec` fit to print: a URL's password is replaced by `***` (an SQLite path is unchanged).
 *
 * @example
 * ```ts
 * redactUrl("postgres://eco:secret@db/eco"); // "postgres://eco:***@db/eco"
 * ```
 */
export function redactUrl(spec: string): string {
  return spec.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, "$1:***@");
}

/**
 * Whether commands in `dir` have an economy to open: the folder's kernel file or recorded
 * storage, or one `ECOLOGY_DATABASE_URL` names — then the folder itself must exist, since the
 * tokens the commands act with live there (`ecology init` writes them).
 */
export function hasEconomy(dir: string, env: NodeJS.ProcessEnv = process.env): boolean {
  return isInitialised(dir) || (Boolean(env[DATABASE_URL_ENV]) && existsSync(dir));
}
