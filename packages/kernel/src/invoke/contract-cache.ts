import type { LoadedContract } from "../world.js";

/**
 * Bounds of a kernel's cache of loaded contracts (manifest, code and runtime program per
 * artifact code hash), set with `createKernel({ contractCache })`.
 *
 * @example
 * ```ts
 * await createKernel({ contractCache: { maxBytes: 16 * 1024 * 1024 } });
 * ```
 */
export interface ContractCacheLimits {
  /** Total UTF-8 bytes of the cached contracts' JavaScript, source maps and manifests. */
  maxBytes: number;
  /** Number of cached contracts. */
  maxEntries: number;
}

/**
 * The defaults of {@link ContractCacheLimits}: 64 MiB and 4,096 contracts. Frozen.
 *
 * @example
 * ```ts
 * DEFAULT_CONTRACT_CACHE.maxBytes; // 67108864
 * ```
 */
export const DEFAULT_CONTRACT_CACHE: Readonly<ContractCacheLimits> = Object.freeze({
  maxBytes: 64 * 1024 * 1024,
  maxEntries: 4096,
});

interface Entry {
  contract: LoadedContract;
  bytes: number;
}

/** The bytes a loaded contract holds in the cache: its code, source map and manifest. */
export function loadedBytes(c: LoadedContract): number {
  return (
    Buffer.byteLength(c.js) +
    (c.sourceMap === undefined ? 0 : Buffer.byteLength(c.sourceMap)) +
    Buffer.byteLength(JSON.stringify(c.manifest))
  );
}

/**
 * A least-recently-used cache of loaded contracts, bounded by count and by bytes, for a kernel
 * that runs for weeks and meets any number of contracts. Evicting drops the kernel's reference
 * to the contract's runtime program (the runtime bounds its own programs); a frame still
 * running an evicted contract keeps its object, and the next call loads it again.
 */
export class ContractCache {
  readonly #entries = new Map<string, Entry>();
  readonly #limits: ContractCacheLimits;
  #bytes = 0;

  constructor(limits: ContractCacheLimits) {
    this.#limits = limits;
  }

  /** The cached contract, now the most recently used; undefined when not cached. */
  get(key: string): LoadedContract | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    // Re-inserting moves the key to the recent end of the map's insertion order.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.contract;
  }

  /**
   * Caches `contract` as the most recently used, then evicts the least recently used until
   * both bounds hold again — except `contract` itself, which stays even when it alone is over
   * `maxBytes` (its caller is about to run it).
   */
  set(key: string, contract: LoadedContract): void {
    this.delete(key);
    const bytes = loadedBytes(contract);
    this.#entries.set(key, { contract, bytes });
    this.#bytes += bytes;
    for (const [oldest] of this.#entries) {
      if (this.#withinBounds() || oldest === key) break;
      this.delete(oldest);
    }
  }

  /** Drops one entry, if cached. */
  delete(key: string): void {
    const entry = this.#entries.get(key);
    if (entry === undefined) return;
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }

  /** Whether `key` is cached (does not count as a use). */
  has(key: string): boolean {
    return this.#entries.has(key);
  }

  /** How many contracts are cached. */
  get size(): number {
    return this.#entries.size;
  }

  /** How many bytes the cached contracts hold (see {@link loadedBytes}). */
  get bytes(): number {
    return this.#bytes;
  }

  #withinBounds(): boolean {
    return this.#entries.size <= this.#limits.maxEntries && this.#bytes <= this.#limits.maxBytes;
  }
}
