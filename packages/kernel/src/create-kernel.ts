import { createRuntime, type Runtime } from "@ecology/runtime";
import { installGenesis } from "./genesis/install.js";
import { Kernel } from "./kernel.js";
import { DEFAULT_LIMITS, type KernelLimits } from "./limits.js";
import { type Durability, openSqliteStorage } from "./storage/sqlite.js";
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
}

/**
 * Opens a kernel on SQLite: in memory by default, or a file in WAL mode (created and
 * migrated as needed). Installs the genesis artifacts on first open.
 *
 * @throws {KernelError} `storage_failure` when the database cannot be opened.
 * @example
 * ```ts
 * const kernel = await createKernel();
 * kernel.createPrincipal("alice", { scrip: 100 });
 * kernel.invoke("alice", "genesis_ledger", "balance", []);
 * ```
 */
export async function createKernel(options: KernelOptions = {}): Promise<Kernel> {
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
    contracts: new Map(),
  };
  installGenesis(storage, clock());
  return new Kernel(world, owned, path === ":memory:", options.durability);
}
