import { createKernel, type Kernel, KernelError } from "@ecology/kernel";
import {
  type CredentialStore,
  createCredentialStore,
  createSharedCredentialStore,
} from "@ecology/server";
import { CliError } from "./cli-error.js";
import { redactUrl, type StorageChoice } from "./storage.js";

/**
 * Opens the kernel of `storage`, creating and migrating its schema as needed (`createKernel`).
 * A database that cannot be reached or is newer than this CLI becomes a one-line CliError, never
 * a stack. The caller owns the kernel and closes it.
 *
 * @throws CliError `not_found` when the database cannot be reached or opened, `invalid_state`
 *   when its schema is newer than this CLI.
 * @example
 * ```ts
 * const kernel = await openKernel(resolveStorage(".ecology", undefined));
 * ```
 */
export async function openKernel(storage: StorageChoice): Promise<Kernel> {
  try {
    return await createKernel({ storage: storage.spec });
  } catch (error) {
    throw storageError(storage, error);
  }
}

/** The CliError a failed open becomes; other errors pass through unchanged. */
function storageError(storage: StorageChoice, error: unknown): unknown {
  if (!(error instanceof KernelError)) return error;
  const where = redactUrl(storage.spec);
  if (error.code === "unsupported")
    return new CliError(
      "invalid_state",
      `cannot use the economy at ${where}: ${error.message}`,
      "its schema is newer than this ecology: upgrade the CLI (npm i -g @ecology/cli@latest)",
    );
  if (error.code === "storage_failure")
    return new CliError(
      "not_found",
      `cannot open the economy at ${where}: ${error.message}`,
      storage.postgres
        ? postgresHint(storage.spec)
        : "check the path and that no other program holds the file",
    );
  return error;
}

/**
 * What to check when a PostgreSQL economy cannot be opened. A URL without a password leaves it
 * to PostgreSQL's own conventions (`PGPASSWORD`, `~/.pgpass`), so the folder's config need not
 * hold a secret; when neither gives one, the driver's own message ("client password must be a
 * string") does not say so.
 */
function postgresHint(url: string): string {
  const noPassword = !/^[a-z][a-z0-9+.-]*:\/\/[^:/@]*:[^@/]*@/i.test(url);
  return noPassword && !process.env.PGPASSWORD
    ? "the URL has no password: put it in the URL, in PGPASSWORD or in ~/.pgpass; and check that PostgreSQL is running and reachable"
    : "is PostgreSQL running and reachable? check host, port, user, password and database in the URL";
}

/**
 * The credential store for a kernel of `storage`: token files under `dir` for an SQLite economy
 * (one process folder); digests in the database for PostgreSQL, so every server and CLI sharing
 * the economy accepts the same tokens (the token files are still written under `dir`).
 */
export function credentialsFor(
  storage: StorageChoice,
  dir: string,
  kernel: Kernel,
): CredentialStore {
  return storage.postgres
    ? createSharedCredentialStore(dir, kernel.credentials)
    : createCredentialStore(dir);
}
