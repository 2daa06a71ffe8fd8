import { KernelError } from "../kernel-error.js";
import { type Durability, openSqliteStorage } from "./sqlite.js";
import type { Storage } from "./storage.js";

/**
 * Where a kernel keeps its economy: `":memory:"`, the path of an SQLite file, a
 * `postgres://`/`postgresql://` URL (optionally with `?schema=<name>`), or a storage adapter
 * object the caller made (the kernel then owns it and closes it with itself).
 */
export type StorageSpec = string | Storage;

/** Options of {@link openStorage}. */
export interface OpenStorageOptions {
  /** Crash durability of an SQLite file. */
  durability?: Durability;
}

/** Whether `spec` names a PostgreSQL database. */
export function isPostgresUrl(spec: string): boolean {
  return /^postgres(ql)?:\/\//i.test(spec);
}

/**
 * Opens the storage `spec` names (creating and migrating the schema as needed). The caller owns
 * the result and must `close()` it.
 *
 * @throws {KernelError} `storage_failure` when the database cannot be reached or opened,
 *   `unsupported` when its schema is newer than this kernel.
 * @example
 * ```ts
 * const storage = await openStorage("postgres://user:pw@db:5432/economy?schema=shop");
 * ```
 */
export async function openStorage(
  spec: StorageSpec,
  options: OpenStorageOptions = {},
): Promise<Storage> {
  if (typeof spec !== "string") return spec;
  if (isPostgresUrl(spec)) {
    // Loaded on demand: an SQLite-only kernel never loads `pg`.
    const { openPostgresStorage } = await import("./postgres.js");
    return openPostgresStorage(spec);
  }
  return openSqliteStorage(spec, options.durability ? { durability: options.durability } : {});
}

/**
 * Opens a snapshot (the bytes of a storage that has the snapshot capability) as a private
 * in-memory SQLite storage.
 *
 * @throws {KernelError} `storage_failure` when the bytes are not a database.
 */
export function openSnapshot(bytes: Uint8Array, options: OpenStorageOptions = {}): Storage {
  if (!(bytes instanceof Uint8Array))
    throw new KernelError("storage_failure", "a snapshot is the bytes kernel.snapshot() returned");
  return openSqliteStorage(bytes, options.durability ? { durability: options.durability } : {});
}

/** What an absent `storage` option means; replaced only by the test setup (see below). */
let defaultStorage: () => StorageSpec | Promise<Storage> = () => ":memory:";

/**
 * @internal Makes kernels opened without a `storage` option use `make()`'s storage instead of
 * `":memory:"`: the PostgreSQL test project runs the whole kernel suite this way.
 */
export function setDefaultStorage(make: () => StorageSpec | Promise<Storage>): void {
  defaultStorage = make;
}

/** The storage of a kernel opened with `storage` (undefined: the default). */
export async function storageOrDefault(storage: StorageSpec | undefined): Promise<StorageSpec> {
  return storage ?? (await defaultStorage());
}
