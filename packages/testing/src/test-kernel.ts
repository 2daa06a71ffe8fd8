import {
  type Caller,
  createKernel,
  type Envelope,
  type EventFilter,
  type Grant,
  type GrantLimits,
  type JsonValue,
  type Kernel,
  type KernelEvent,
  type KernelLimits,
} from "@ecology/kernel";
import type { CompileOptions } from "@ecology/sdk/compiler";
import { type CallRecord, callText, recordCall } from "./call-record.js";
import { type ContractSource, loadContract, sourceName } from "./contract-source.js";
import { CostRecorder, type CostReport } from "./costs/cost-report.js";
import { GrantHandle } from "./grant-handle.js";
import { BUILT_IN_INVARIANTS, firstViolation, type Invariant } from "./invariants.js";
import { eventsMatching, queryAll } from "./kernel-pages.js";
import { createManualClock, type DrivenClock, type ManualClock } from "./manual-clock.js";
import { type HandleDeployOptions, type HandlePort, PrincipalHandle } from "./principal-handle.js";
import { registerKernel, unregisterKernel } from "./registry.js";
import { restoreSnapshot, type TestSnapshot, takeSnapshot } from "./test-snapshot.js";
import { TestingError } from "./testing-error.js";

/** Options of {@link createTestKernel}; all optional. */
export interface TestKernelOptions {
  /** Kernel time at start in ms (default 2026-01-01T00:00:00Z). */
  startTime?: number;
  limits?: Partial<KernelLimits>;
  /** Extra invariants checked after every transaction, after the built-in ones. */
  invariants?: Invariant[];
  /**
   * Check the built-in invariants (conservation, single ownership, pool backing) after every
   * transaction. Default true.
   */
  builtInInvariants?: boolean;
  /** Folder that relative contract paths are resolved against first (default: cwd). */
  root?: string;
  /** Compiler options for TypeScript contracts. */
  compile?: CompileOptions;
}

/** Options of {@link TestKernel.deploy}. */
export interface DeployOptions extends HandleDeployOptions {
  /** The principal that deploys and owns the contract. */
  owner: string | PrincipalHandle;
}

/** A deployed contract: usable as an invoke target (`alice.invoke(pool, "join")`). */
export interface Deployed {
  readonly id: string;
  readonly codeHash: string;
  /** Name used in cost reports: the file's base name, or the id. */
  readonly name: string;
}

/** Event query of {@link TestKernel.events}: kernel filters plus a single `type`. */
export type TestEventFilter = EventFilter & { type?: string };

/**
 * An in-memory kernel wired for tests: manual clock, principal handles, on-the-fly contract
 * compilation, snapshots, invariants after every transaction and per-method cost recording.
 * Create with {@link createTestKernel}; `close()` it when done (or let the process end).
 *
 * @example
 * ```ts
 * const k = await createTestKernel();
 * const { alice } = k.principals({ alice: 100 });
 * const counter = await k.deploy("./src/counter.ts", { owner: alice, args: [0] });
 * const before = k.snapshot();
 * k.clock.advance(60_000);
 * alice.invoke(counter, "increment", [1]);
 * k.restore(before); // state, balances, events and time as they were
 * ```
 */
export class TestKernel {
  /** The underlying kernel, for anything the kit does not wrap. Calls on it are not checked. */
  readonly kernel: Kernel;
  /** Kernel time; moves only when the test calls `advance` or `set`. */
  readonly clock: ManualClock;
  readonly #clock: DrivenClock;
  readonly #options: TestKernelOptions;
  readonly #invariants: Invariant[];
  readonly #handles = new Map<string, PrincipalHandle>();
  readonly #names = new Map<string, string>();
  readonly #costs = new CostRecorder();
  readonly #port: HandlePort;
  #txCount = 0;

  /** @internal use {@link createTestKernel}. */
  constructor(kernel: Kernel, clock: DrivenClock, options: TestKernelOptions) {
    this.kernel = kernel;
    this.#clock = clock;
    this.clock = clock;
    this.#options = options;
    this.#invariants = [
      ...(options.builtInInvariants === false ? [] : BUILT_IN_INVARIANTS),
      ...(options.invariants ?? []),
    ];
    this.#port = {
      run: (record, op) => this.#run(record, op),
      deployAs: (caller, source, opts) => this.#deployAs(caller, source, opts),
      balance: (id) => kernel.balance(id),
      invoke: (caller, target, method, args, options) =>
        kernel.invoke(caller, target, method, args, options),
      read: (caller, id) => kernel.read(caller, id),
      write: (caller, id, content, opts) => kernel.write(caller, id, content, opts),
    };
    registerKernel(this);
  }

  /** Transactions run through the kit so far; `restore` puts it back to the snapshot's count. */
  get transactions(): number {
    return this.#txCount;
  }

  /**
   * The handle of principal `id`, creating the principal with `scrip` on first use.
   *
   * @throws {TestingError} `setup_failed` when the id is invalid, or exists and `scrip` is given.
   */
  principal(id: string, options: { scrip?: number } = {}): PrincipalHandle {
    const known = this.#handles.get(id);
    if (known && options.scrip === undefined) return known;
    // A principal restored from a snapshot (or created on `k.kernel`) needs only a handle.
    if (options.scrip === undefined && this.#isPrincipal(id)) return this.#handle(id);
    const env = this.#run(
      { caller: "operator", op: "principal", target: id, value: options.scrip ?? 0 },
      () => this.kernel.createPrincipal(id, options),
    );
    if (!env.success)
      throw new TestingError("setup_failed", `cannot create principal ${id}: ${env.error.message}`);
    return this.#handle(id);
  }

  #handle(id: string): PrincipalHandle {
    const handle = this.#handles.get(id) ?? new PrincipalHandle(id, this.#port);
    this.#handles.set(id, handle);
    return handle;
  }

  #isPrincipal(id: string): boolean {
    return queryAll(this.kernel, "principals").some((p) => p.id === id);
  }

  /** Several principals at once: `const { alice, bob } = k.principals({ alice: 100, bob: 5 })`. */
  principals<N extends string>(scrip: { [id in N]: number }): { [id in N]: PrincipalHandle } {
    const out = {} as { [id in N]: PrincipalHandle };
    for (const id of Object.keys(scrip) as N[]) out[id] = this.principal(id, { scrip: scrip[id] });
    return out;
  }

  /**
   * Issues a grant of `principal` (DESIGN.md §10) and returns a handle acting under it: its
   * calls are the principal's, within `limits` (`spend` defaults to 0). The grant is journaled
   * like any operation and counts as a transaction of the kit.
   *
   * @throws {TestingError} `setup_failed` when the kernel refuses (bad limits, unknown principal).
   * @example
   * ```ts
   * const agent = k.grant(alice, { spend: 20, perCall: 5 });
   * expect(agent.transfer(bob, 6)).toFailWith("not_authorized");
   * ```
   */
  grant(principal: string | PrincipalHandle, limits: GrantLimits = {}): GrantHandle {
    const id = String(principal);
    let token = "";
    const env = this.#run({ caller: id, op: "grant", target: id }, () => {
      const issued = this.kernel.createGrant(id, limits);
      if (!issued.success) return issued;
      token = issued.result.token;
      return { ...issued, result: issued.result.grant as unknown as JsonValue };
    });
    if (!env.success)
      throw new TestingError("setup_failed", `cannot issue a grant of ${id}: ${env.error.message}`);
    return new GrantHandle(env.result as unknown as Grant, token, this.kernel, this.#port);
  }

  /**
   * Operator: mints `amount` new scrip into `id`'s wallet.
   *
   * @throws {TestingError} `setup_failed` when the kernel refuses.
   */
  mint(id: string | PrincipalHandle, amount: number): void {
    const to = String(id);
    const env = this.#run({ caller: "operator", op: "mint", target: to, value: amount }, () =>
      this.kernel.mint(to, amount),
    );
    if (!env.success) throw new TestingError("setup_failed", `cannot mint: ${env.error.message}`);
  }

  /**
   * Compiles (with a cache) and deploys a contract as `owner`, running its `init` with `args`.
   *
   * @throws {TestingError} `compile_failed` with diagnostics, `deploy_failed` with the
   * kernel's error (use `owner.deploy(...)` to get the envelope instead).
   * @example
   * ```ts
   * const pool = await k.deploy("./src/pool.ts", { owner: alice, id: "pool" });
   * ```
   */
  async deploy(source: ContractSource, options: DeployOptions): Promise<Deployed> {
    const { owner, ...rest } = options;
    const env = await this.#deployAs(String(owner), source, rest);
    if (!env.success)
      throw new TestingError(
        "deploy_failed",
        `deploy failed with ${env.error.code}: ${env.error.message}`,
        {
          error: env.error,
        },
      );
    const { id, codeHash } = env.result;
    return { id, codeHash, name: this.#names.get(id) ?? id };
  }

  async #deployAs(
    caller: Caller,
    source: ContractSource,
    options: HandleDeployOptions,
  ): Promise<Envelope<{ id: string; codeHash: string }>> {
    const code = await loadContract(source, this.#options);
    const by = typeof caller === "string" ? caller : caller.principal;
    const record = { caller: by, op: "deploy" as const, target: options.id ?? "(new)" };
    const env = this.#run(record, () => this.kernel.deploy(caller, { ...options, code }));
    if (env.success) this.#names.set(env.result.id, sourceName(source) ?? env.result.id);
    return env;
  }

  /** A balance (0 for unknown ids); free, no transaction. */
  balance(id: string | { readonly id: string }): number {
    return this.kernel.balance(typeof id === "string" ? id : id.id);
  }

  /** Every non-zero balance by id. */
  balances(): { [id: string]: number } {
    return this.kernel.balances();
  }

  /** A contract's persistent state, or undefined. */
  state<S = JsonValue>(id: string | { readonly id: string }): S | undefined {
    return this.kernel.getArtifact(typeof id === "string" ? id : id.id)?.state as S | undefined;
  }

  /** Events matching every given filter, oldest first; all pages unless `limit` is set. */
  events(filter: TestEventFilter = {}): KernelEvent[] {
    return eventsMatching(this.kernel, filter);
  }

  /** Per-method costs (compute units and price) of every successful invoke through handles. */
  costs(): CostReport {
    return this.#costs.report();
  }

  /** Forgets the costs recorded so far (say, after a setup you do not want to measure). */
  resetCosts(): void {
    this.#costs.clear();
  }

  /**
   * Checks every invariant now.
   *
   * @throws {TestingError} `invariant_broken` naming the invariant.
   */
  checkInvariants(): void {
    const v = firstViolation(this, this.#invariants);
    if (v) throw new TestingError("invariant_broken", `invariant broken: ${v}`);
  }

  /** Adds an invariant for the rest of this kernel's life (checked after every transaction). */
  addInvariant(invariant: Invariant): void {
    this.#invariants.push(invariant);
  }

  /** The whole economy plus kernel time; restore it with {@link TestKernel.restore}. */
  snapshot(): TestSnapshot {
    return takeSnapshot(this.kernel, this.#clock.now, this.#txCount, this.#names);
  }

  /** Puts balances, ownership, state, the event log and the clock back to a snapshot. */
  restore(snapshot: TestSnapshot): void {
    const r = restoreSnapshot(this.kernel, snapshot);
    this.#clock.rewind(r.now);
    this.#txCount = r.transactions;
    this.#names.clear();
    for (const [id, name] of r.names) this.#names.set(id, name);
  }

  /** Closes the kernel; handles become unusable. Idempotent. */
  close(): void {
    unregisterKernel(this);
    this.kernel.close();
  }

  #run<T extends JsonValue>(record: Omit<CallRecord, "index">, op: () => Envelope<T>): Envelope<T> {
    const env = op();
    const full: CallRecord = { ...record, index: ++this.#txCount };
    recordCall(env as Envelope, full);
    if (env.success && record.op === "invoke" && record.method)
      this.#costs.add(
        `${this.#names.get(record.target) ?? record.target}.${record.method}`,
        env.cost.compute,
        env.cost.price,
      );
    const v = firstViolation(this, this.#invariants);
    if (v)
      throw new TestingError(
        "invariant_broken",
        `invariant ${v}\n  broken by transaction #${full.index}: ${callText(full)}`,
        { transaction: full, envelope: env },
      );
    return env;
  }
}

/**
 * Creates an in-memory test kernel with a manual clock and invariants checked after every
 * transaction made through it.
 *
 * @example
 * ```ts
 * const k = await createTestKernel();
 * const alice = k.principal("alice", { scrip: 100 });
 * const pool = await k.deploy("./src/pool.ts", { owner: alice, id: "pool" });
 * expect(alice.invoke(pool, "join", [], { value: 50 })).toSucceed();
 * ```
 */
export async function createTestKernel(options: TestKernelOptions = {}): Promise<TestKernel> {
  const clock = createManualClock(options.startTime);
  const kernel = await createKernel({
    storage: ":memory:",
    clock: clock.read,
    ...(options.limits ? { limits: options.limits } : {}),
  });
  return new TestKernel(kernel, clock, options);
}
