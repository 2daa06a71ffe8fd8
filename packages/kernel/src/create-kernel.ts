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
import { type Durability, openSqliteStorage } from "./storage/sqlite.js";
import { TraceSource } from "./trace/trace-source.js";
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
  /** `":memory:"` (default) or the path of an SQLite file (WAL mode). */
  storage?: string;
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
 * Opens a kernel on SQLite: in memory by default, or a file in WAL mode (created and
 * migrated as needed). Installs the genesis artifacts on first open.
 *
 * @throws {KernelError} `storage_failure` when the database cannot be opened, `invalid_options`
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
  const path = options.storage ?? ":memory:";
  const storage = openSqliteStorage(
    path,
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
  const traces = (w: World) => new TraceSource(w, createKernel);
  return new Kernel(world, owned, path === ":memory:", options.durability, traces);
}

function contractCacheLimits(given: Partial<ContractCacheLimits> = {}): ContractCacheLimits {
  const limits = { ...DEFAULT_CONTRACT_CACHE, ...given };
  for (const [key, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 1)
      throw new KernelError("invalid_options", `contractCache.${key} must be a positive integer`);
  }
  return limits;
}
