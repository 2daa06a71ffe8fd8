import { KernelError } from "./kernel-error.js";
import type { Storage } from "./storage/storage.js";

/** The longest credential name accepted. */
const MAX_NAME = 256;
/** The longest credential value accepted (values are token hashes and the like). */
const MAX_VALUE = 64 * 1024;

/**
 * Named opaque strings the server keeps in the economy's database (token hashes by name:
 * `operator`, `viewer`, `principal:<id>`), so every server sharing an economy checks tokens
 * against the same records. Not journaled and never in the event log: they are secrets' hashes,
 * not economic operations. Obtained as `kernel.credentials`; lives as long as its kernel.
 *
 * @example
 * ```ts
 * kernel.credentials.put("principal:alice", sha256Hex(token));
 * kernel.credentials.get("principal:alice"); // the hash
 * kernel.credentials.list("principal:");      // [{ name: "principal:alice", value: "…" }]
 * ```
 */
export class Credentials {
  readonly #storage: () => Storage;

  /** @internal the kernel hands in its (live) storage. */
  constructor(storage: () => Storage) {
    this.#storage = storage;
  }

  /**
   * The value stored under `name`, or undefined.
   *
   * @throws {KernelError} `invalid_options` when `name` is not a string of 1–256 characters.
   */
  get(name: string): string | undefined {
    checkName(name);
    return this.#storage().getCredential(name);
  }

  /**
   * Stores `value` under `name`, replacing any previous value; committed when it returns.
   *
   * @throws {KernelError} `invalid_options` for a bad name or a value that is not a string of at
   *   most 64 KiB.
   */
  put(name: string, value: string): void {
    checkName(name);
    if (typeof value !== "string" || value.length > MAX_VALUE)
      throw new KernelError(
        "invalid_options",
        `credential ${name}: value must be a string ≤ 64 KiB`,
      );
    const storage = this.#storage();
    storage.atomic(
      () => storage.putCredential(name, value),
      () => true,
    );
  }

  /**
   * Removes the credential `name`; whether it existed.
   *
   * @throws {KernelError} `invalid_options` for a bad name.
   */
  delete(name: string): boolean {
    checkName(name);
    const storage = this.#storage();
    return storage.atomic(
      () => storage.deleteCredential(name),
      () => true,
    );
  }

  /**
   * The credentials whose names start with `prefix` (all with `""`), ordered by name.
   *
   * @throws {KernelError} `invalid_options` when `prefix` is not a string.
   */
  list(prefix = ""): { name: string; value: string }[] {
    if (typeof prefix !== "string")
      throw new KernelError("invalid_options", "credentials.list: prefix must be a string");
    return this.#storage().listCredentials(prefix);
  }
}

function checkName(name: unknown): asserts name is string {
  if (typeof name !== "string" || name.length < 1 || name.length > MAX_NAME)
    throw new KernelError("invalid_options", "a credential name is a string of 1–256 characters");
}
