import type { Runtime } from "@ecology/runtime";
import { toPublicArtifact } from "./artifacts.js";
import { Credentials } from "./credentials.js";
import { readEvents, type VerifyResult, verifyEvents } from "./event-log.js";
import { queryStore } from "./genesis/store.js";
import { toPublicGrant } from "./grants/grant-ops.js";
import { grantOfToken, grantToken, hashGrantSecret, newGrantSecret } from "./grants/token.js";
import { checkInvariants } from "./invariants.js";
import type { DeploySpec } from "./invoke/deploy.js";
import type { Upgraded, UpgradeSpec } from "./invoke/upgrade.js";
import { readJournal } from "./journal.js";
import { KernelError } from "./kernel-error.js";
import { totalMinted } from "./ledger.js";
import { perform } from "./perform.js";
import { Refusal } from "./refusal.js";
import type { OpenKernel } from "./replay/replayer.js";
import { openSnapshot } from "./storage/open.js";
import type { Durability } from "./storage/sqlite.js";
import { canSnapshot } from "./storage/storage.js";
import { redactTrace } from "./trace/redact.js";
import { type TraceQuery, TraceSource } from "./trace/trace-source.js";
import type {
  Artifact,
  Caller,
  Cost,
  Envelope,
  EventFilter,
  EventPage,
  Grant,
  GrantCaller,
  GrantLimits,
  IssuedGrant,
  JournalOp,
  JournalPage,
  JsonObject,
  JsonValue,
  Policy,
  Trace,
} from "./types.js";
import { OPERATOR, type World } from "./world.js";
import { registerWorld } from "./world-of.js";

const FREE: Cost = { price: 0, value: 0, compute: 0 };

/**
 * The Ecology kernel: world state, ledger, artifacts, policies, invoke, genesis artifacts and
 * the event log (DESIGN.md §2). Every user-facing operation returns an envelope and never
 * throws for bad input; `caller` is trusted (the server authenticates). Create with
 * {@link createKernel}; call `close()` when done (after which every method throws
 * `KernelError("closed")`).
 *
 * @example
 * ```ts
 * const kernel = await createKernel();
 * kernel.createPrincipal("alice", { scrip: 10 });
 * const env = kernel.write("alice", "doc", { text: "hello" }, { policy: { readPrice: 1 } });
 * if (!env.success) console.error(env.error.code);
 * kernel.close();
 * ```
 */
export class Kernel {
  readonly #world: World;
  readonly #ownsRuntime: Runtime | undefined;
  readonly #memory: boolean;
  readonly #durability: Durability | undefined;
  readonly #open: OpenKernel;
  #closed = false;
  /**
   * Named opaque strings the server keeps in the economy's database (token hashes); see
   * {@link Credentials}.
   */
  readonly credentials: Credentials;
  /** Created on the first trace asked for. */
  #traces: TraceSource | undefined;

  /** @internal use {@link createKernel}. */
  constructor(
    world: World,
    ownsRuntime: Runtime | undefined,
    memory: boolean,
    durability: Durability | undefined,
    open: OpenKernel,
  ) {
    this.#world = world;
    registerWorld(this, world);
    this.#ownsRuntime = ownsRuntime;
    this.#memory = memory;
    this.#durability = durability;
    this.#open = open;
    this.credentials = new Credentials(() => this.#live.storage);
  }

  /**
   * Calls `listener` soon after every commit to this economy (on a later tick, never inside the
   * commit). On PostgreSQL that is a commit by any process sharing the economy (LISTEN/NOTIFY;
   * several commits may arrive as one call); on SQLite only this kernel's own commits. Returns
   * the unsubscribe function; `close()` removes every listener.
   *
   * @example
   * ```ts
   * const off = kernel.onCommit(() => hub.poll());
   * off();
   * ```
   */
  onCommit(listener: () => void): () => void {
    if (typeof listener !== "function")
      throw new KernelError("invalid_options", "onCommit takes a function");
    return this.#live.storage.onCommit(listener);
  }

  get #live(): World {
    if (this.#closed) throw new KernelError("closed", "the kernel is closed");
    return this.#world;
  }

  /**
   * Performs a journaled operation (see {@link perform}) as `caller`; undefined params are left
   * out. A caller under a grant acts as its principal, the grant riding in the params.
   */
  #perform<T = JsonValue>(
    op: JournalOp,
    caller: Caller,
    params: { [key: string]: unknown },
  ): Envelope<T> {
    const world = this.#live;
    const inputs = definedOnly(params);
    return perform(world, op, withGrant(caller, inputs), inputs) as Envelope<T>;
  }

  /** Operator: creates an agent principal and mints its starting scrip. */
  createPrincipal(
    id: string,
    options: { scrip?: number } = {},
  ): Envelope<{ id: string; balance: number }> {
    return this.#perform("createPrincipal", OPERATOR, { id, scrip: options?.scrip });
  }

  /** Operator: creates `amount` new scrip in `id`'s wallet. */
  mint(id: string, amount: number): Envelope<{ id: string; balance: number }> {
    return this.#perform("mint", OPERATOR, { id, amount });
  }

  /**
   * Deploys a contract owned by `caller` and runs its `init`; result `{ id, codeHash }`. With
   * `policy.upgradable: true` its owner may later {@link Kernel.upgrade} its code.
   */
  deploy(caller: Caller, spec: DeploySpec): Envelope<{ id: string; codeHash: string }> {
    const s = (typeof spec === "object" && spec !== null ? spec : {}) as Partial<DeploySpec>;
    const { id, code, args, policy, metadata } = s;
    return this.#perform("deploy", caller, { id, code, args, policy, metadata });
  }

  /**
   * Replaces the code of an upgradable contract `caller` owns (DESIGN.md §9). When the new
   * code defines `migrate(ctx, ...args)`, it runs once with the old state and returns the new
   * one; its failure leaves the contract as it was. Appends `artifact.upgraded`.
   *
   * @example
   * ```ts
   * const env = kernel.upgrade("alice", "counter", { code: v2.code, args: [10] });
   * if (!env.success) console.error(env.error.code); // not_authorized when not upgradable
   * ```
   */
  upgrade(caller: Caller, id: string, spec: UpgradeSpec): Envelope<Upgraded> {
    const s = (typeof spec === "object" && spec !== null ? spec : {}) as Partial<UpgradeSpec>;
    return this.#perform("upgrade", caller, { id, code: s.code, args: s.args });
  }

  /** Creates a data artifact owned by `caller`, or updates one it owns. */
  write(
    caller: Caller,
    id: string,
    content: JsonValue,
    options: { policy?: Partial<Policy>; metadata?: { [key: string]: JsonValue } } = {},
  ): Envelope<{ id: string; version: number; created: boolean }> {
    const { policy, metadata } = options ?? {};
    return this.#perform("write", caller, { id, content, policy, metadata });
  }

  /** Reads an artifact as `caller` (allowRead and gate enforced, readPrice paid to the owner). */
  read(caller: Caller, id: string): Envelope<JsonValue> {
    return this.#perform("read", caller, { id });
  }

  /** Deletes an artifact `caller` owns (refused while it holds scrip). */
  delete(caller: Caller, id: string): Envelope<{ id: string }> {
    return this.#perform("delete", caller, { id });
  }

  /**
   * Changes fields of the policy of an artifact `caller` owns; result is the new policy.
   * `upgradable` can be switched off, never back on.
   */
  setPolicy(caller: Caller, id: string, policy: Partial<Policy>): Envelope<Policy> {
    return this.#perform("setPolicy", caller, { id, policy });
  }

  /** Gives an artifact `caller` owns to another principal or artifact. */
  transferOwnership(
    caller: Caller,
    id: string,
    to: string,
  ): Envelope<{ id: string; owner: string }> {
    return this.#perform("transferOwnership", caller, { id, to });
  }

  /**
   * Invokes `target.method(...args)` as `caller` (DESIGN.md §2.1), one transaction. `value` is
   * scrip attached to the call; `maxPrice` is the highest price the caller agrees to pay — a
   * higher one (say the owner raised it since the caller looked) fails with `conflict` and
   * `details.price` / `details.maxPrice` before anything is paid.
   */
  invoke(
    caller: Caller,
    target: string,
    method: string,
    args: JsonValue[] = [],
    options: { value?: number; maxPrice?: number } = {},
  ): Envelope {
    // Built directly rather than through `definedOnly`: this is the hot path.
    const params: { [key: string]: unknown } = { target, method, args };
    if (options?.value !== undefined) params.value = options.value;
    if (options?.maxPrice !== undefined) params.maxPrice = options.maxPrice;
    const origin = withGrant(caller, params as JsonObject);
    return perform(this.#live, "invoke", origin, params as JsonObject);
  }

  /**
   * Issues a grant (DESIGN.md §10): a bearer token that acts as `principal` within `limits`
   * (total `spend`, default 0; `perCall`; `targets`; `readOnly`; `expiresAt`; `confirmAbove`).
   * Journaled; the token's secret is random and only its hash is stored, so the token in the
   * result is shown this once. Refuses `invalid_argument` for bad limits.
   *
   * @example
   * ```ts
   * const g = kernel.createGrant("alice", { spend: 50, perCall: 10, targets: ["shop.buy"] });
   * if (g.success) kernel.invoke({ principal: "alice", grant: g.result.grant.id }, "shop", "buy");
   * ```
   */
  createGrant(principal: string, limits: GrantLimits = {}): Envelope<IssuedGrant> {
    const l = (typeof limits === "object" && limits !== null ? limits : {}) as GrantLimits;
    const secret = newGrantSecret();
    const env = this.#perform<Grant>("createGrant", principal, {
      ...pick(l, ["spend", "perCall", "targets", "readOnly", "expiresAt", "confirmAbove"]),
      secretHash: hashGrantSecret(secret),
    });
    if (!env.success) return env;
    return { ...env, result: { grant: env.result, token: grantToken(env.result.id, secret) } };
  }

  /** The grants of `principal`, newest first (free view; tokens are never listed). */
  listGrants(principal: string): Envelope<Grant[]> {
    return this.#view(
      () => this.#world.storage.listGrants(principal).map(toPublicGrant) as unknown as JsonValue,
    ) as unknown as Envelope<Grant[]>;
  }

  /**
   * Revokes a grant of `principal`; its next call is refused (`details.grant.reason:
   * "revoked"`). Journaled. Refuses `not_found` for a grant that is not `principal`'s.
   */
  revokeGrant(principal: string, grantId: string): Envelope<Grant> {
    return this.#perform("revokeGrant", principal, { id: grantId });
  }

  /**
   * The live grant a bearer token stands for — its secret matches (constant time), it is not
   * revoked and not expired at kernel time — or undefined. Never throws for any input.
   */
  authenticateGrant(token: string): Grant | undefined {
    const world = this.#live;
    const row = grantOfToken(world.storage, token);
    if (!row || row.revoked || (row.expiresAt !== null && world.clock() >= row.expiresAt))
      return undefined;
    return toPublicGrant(row);
  }

  /**
   * Operator: a page of the journal (DESIGN.md §9) — every top-level operation with its exact
   * inputs, chained by hash. It holds arguments and content the public log never shows: never
   * hand it to a principal.
   */
  journal(options: { after?: number; limit?: number } = {}): Envelope<JournalPage> {
    return this.#view(
      () =>
        readJournal(this.#world.storage, options?.after, options?.limit) as unknown as JsonValue,
    ) as Envelope<JournalPage>;
  }

  /**
   * The trace of one transaction (DESIGN.md §12): the invoke tree with arguments, results,
   * errors (path and TypeScript position), prices, values and compute per frame, the state
   * changes per frame, scrip flows, ownership changes, the events and a one-line summary.
   * Obtained by re-executing the journal on a private kernel (ADR 0037), so operations nobody
   * traces pay nothing for it. `redacted` hides what `allowRead` protects (for anyone but the
   * operator). Refuses `not_found` for an unknown transaction.
   *
   * @example
   * ```ts
   * const t = await kernel.trace({ last: true });
   * if (t.success) console.log(t.result.summary); // "bob bought report from alice through genesis_escrow for 30 scrip"
   * ```
   */
  async trace(which: TraceQuery, options: { redacted?: boolean } = {}): Promise<Envelope<Trace>> {
    const world = this.#live;
    this.#traces ??= new TraceSource(world, this.#open);
    try {
      const trace = await this.#traces.trace(which ?? {});
      const result = options?.redacted ? redactTrace(trace, world.storage) : trace;
      return { success: true, result, cost: FREE, events: [] };
    } catch (e) {
      if (e instanceof Refusal) return { success: false, error: e.toError(undefined) };
      throw e;
    }
  }

  /** A balance (0 for unknown ids). Free operator view. */
  balance(id: string): number {
    return this.#live.storage.getBalance(id);
  }

  /** Every non-zero balance. Free operator view. */
  balances(): { [id: string]: number } {
    return Object.fromEntries(this.#live.storage.allBalances());
  }

  /** All scrip ever minted; always equals the sum of balances. */
  totalMinted(): number {
    return totalMinted(this.#live);
  }

  /** The full artifact (code, state, policy) or undefined. Free operator view; no policy applies. */
  getArtifact(id: string): Artifact | undefined {
    const row = this.#live.storage.getArtifact(id);
    return row ? toPublicArtifact(this.#world, row) : undefined;
  }

  /** Discovery, as `genesis_store.query` (free, no events). */
  query(
    kind: "artifacts" | "principals" | "listings",
    filters: { [key: string]: JsonValue } = {},
  ): Envelope {
    return this.#view(() => queryStore(this.#world, kind, filters));
  }

  /** A page of events, as `genesis_event_log.read` (free, no events). */
  events(filter: EventFilter | { [key: string]: JsonValue } = {}): Envelope<EventPage> {
    return this.#view(
      () => readEvents(this.#world.storage, filter) as unknown as JsonValue,
    ) as Envelope<EventPage>;
  }

  #view(fn: () => JsonValue): Envelope {
    this.#live;
    try {
      return { success: true, result: fn(), cost: FREE, events: [] };
    } catch (e) {
      if (e instanceof Refusal) return { success: false, error: e.toError(undefined) };
      throw e;
    }
  }

  /** Recomputes the hash chain: `{ ok: true, count }` or the first event that does not match. */
  verifyLog(): VerifyResult {
    return verifyEvents(this.#live.storage);
  }

  /**
   * Checks the invariants: conservation (sum of balances = total minted) and single, valid
   * ownership (every owner exists; escrow holds exactly the actively listed artifacts).
   *
   * @throws {KernelError} `invariant_broken` naming the first violation.
   */
  checkInvariants(): void {
    checkInvariants(this.#live);
  }

  /**
   * The whole economy as bytes (SQLite serialization); pair with {@link Kernel.restore}.
   *
   * @throws {KernelError} `unsupported` for storage without the snapshot capability
   *   (PostgreSQL: use pg_dump).
   */
  snapshot(): Uint8Array {
    const storage = this.#live.storage;
    if (storage.inTransaction()) throw new KernelError("bug", "snapshot during a transaction");
    if (!canSnapshot(storage))
      throw new KernelError(
        "unsupported",
        "this storage cannot be snapshotted as bytes (PostgreSQL: back it up with pg_dump)",
      );
    return storage.serialize();
  }

  /**
   * Replaces the state of an in-memory kernel with a snapshot.
   *
   * @throws {KernelError} `unsupported` for file kernels (copy the file instead).
   */
  restore(bytes: Uint8Array): void {
    const world = this.#live;
    if (!this.#memory)
      throw new KernelError("unsupported", "restore is only for in-memory kernels");
    const next = openSnapshot(bytes, this.#durability ? { durability: this.#durability } : {});
    world.storage.close();
    world.storage = next;
  }

  /** Closes storage (and the runtime the kernel created). Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#traces?.close();
    this.#world.storage.close();
    this.#ownsRuntime?.dispose();
  }
}

/**
/**
 * The origin of an operation performed as `caller`; a caller under a grant puts the grant into
 * `params` (as the journal keeps it, so a replay enforces it again).
 */
function withGrant(caller: Caller, params: JsonObject): string {
  if (typeof caller !== "object" || caller === null) return caller;
  const { principal, grant, confirmed } = caller as Partial<GrantCaller>;
  params.grant =
    confirmed === true ? { id: String(grant), confirmed: true } : { id: String(grant) };
  return String(principal);
}

function pick<T extends object, K extends keyof T>(o: T, keys: K[]): Partial<T> {
  const out: Partial<T> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

/**
 * The params of an operation as the journal keeps them: properties that are undefined are
 * left out, as JSON would, so a record's text is the same however the caller spelled "absent".
 */
function definedOnly(params: { [key: string]: unknown }): JsonObject {
  const out: { [key: string]: unknown } = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined) out[k] = v;
  return out as JsonObject;
}
