import { createRuntime, type Runtime } from "@ecology/runtime";
import { installGenesis } from "./genesis/install.js";
import { createGenesisRegistry } from "./genesis/registry.js";
import {
  ContractCache,
  type ContractCacheLimits,
  DEFAULT_CONTRACT_CACHE,
} from "./invoke/contract-cache.js";
import { invokeFrame } from "./invoke/pipeline.js";
import { Kernel } from "./kernel.js";
import { KernelError } from "./kernel-error.js";
import { DEFAULT_LIMITS, type KernelLimits } from "./limits.js";
import { openStorage, type StorageSpec, storageOrDefault } from "./storage/open.js";
import type { Durability } from "./storage/sqlite.js";
import { type RuntimeLike, runLimitsOf, type World } from "./world.js";

/**
 * Options of {@link createKernel}; all optional.
 *
 * @example
 * ```ts
 * await createKernel({ storage: ".ecology/kernel.db", clock: () => fixedTime });
 * ```
 */
export interface KernelOptions {
  /**
   * `":memory:"` (default), the path of an SQLite file (WAL mode), a `postgres://` URL
   * (`?schema=<name>` puts the economy in that schema, created if missing) or a storage adapter
   * object (the kernel owns it from then on and closes it with itself).
   */
  storage?: StorageSpec;
  /** Kernel time in ms; read once per transaction. Default `Date.now`. */
  clock?: () => number;
  limits?: Partial<KernelLimits>;
  /** A runtime to share; by default the kernel creates (and on close disposes) its own. */
  runtime?: Runtime | RuntimeLike;
  /** Crash durability of a file database (see {@link Durability}); default `"process"`. */
  durability?: Durability;
  /** Bounds of the loaded-contract cache; default {@link DEFAULT_CONTRACT_CACHE}. */
  contractCache?: Partial<ContractCacheLimits>;
}

/**
 * Opens a kernel on SQLite (in memory by default, or a file in WAL mode) or PostgreSQL (a URL),
 * creating and migrating the schema as needed. Installs the genesis artifacts on first open.
 *
 * @throws {KernelError} `storage_failure` when the database cannot be opened or reached,
 *   `unsupported` when its schema is newer than this kernel, `invalid_options`
 *   when a `contractCache` bound is not a positive integer.
 * @example
 * ```ts
 * const kernel = await createKernel();
 * kernel.createPrincipal("alice", { scrip: 100 });
 * kernel.invoke("alice", "genesis_ledger", "balance", []);
 * ```
 */
export async function createKernel(options: KernelOptions = {}): Promise<Kernel> {
  const cache = contractCacheLimits(options.contractCache);
  const spec = await storageOrDefault(options.storage);
  const storage = await openStorage(
    spec,
    options.durability ? { durability: options.durability } : {},
  );
  const clock = options.clock ?? Date.now;
  const owned = options.runtime ? undefined : await createRuntime();
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const world: World = {
    storage,
    limits,
    runLimits: runLimitsOf(limits),
    clock,
    runtime: options.runtime ?? owned,
    contracts: new ContractCache(cache),
    // The pipeline is handed to gate checks and nested calls through the world, not imported.
    invoke: (tx, request) => invokeFrame(world, tx, request),
    genesis: createGenesisRegistry(),
  };
  // Genesis artifacts are created at time 0, so every economy starts alike (and replays match).
  installGenesis(storage, world.genesis, 0);
  // The kernel opens private kernels for traces with this very function (a port, not an import).
  return new Kernel(world, owned, spec === ":memory:", options.durability, createKernel);
}

function contractCacheLimits(given: Partial<ContractCacheLimits> = {}): ContractCacheLimits {
  const limits = { ...DEFAULT_CONTRACT_CACHE, ...given };
  for (const [key, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 1)
      throw new KernelError("invalid_options", `contractCache.${key} must be a positive integer`);
  }
  return limits;
}
