import type { Runtime } from "@ecology/runtime";
import {
  changeOwner,
  deleteArtifact,
  readArtifact,
  setArtifactPolicy,
  toPublicArtifact,
  writeData,
} from "./artifacts.js";
import { readEvents, type VerifyResult, verifyEvents } from "./event-log.js";
import { capError } from "./failure-cap.js";
import { failureQuotaRefusal } from "./failure-quota.js";
import { queryStore } from "./genesis/store.js";
import { checkInvariants } from "./invariants.js";
import { type DeploySpec, deployContract } from "./invoke/deploy.js";
import { KernelError } from "./kernel-error.js";
import { mintScrip, totalMinted } from "./ledger.js";
import { DEFAULT_POLICY, parsePolicy } from "./policy.js";
import { Refusal, refuse } from "./refusal.js";
import { type Durability, openSqliteStorage } from "./storage/sqlite.js";
import { type Tx, transaction } from "./tx.js";
import type {
  Artifact,
  Cost,
  Envelope,
  EnvelopeError,
  EventFilter,
  EventPage,
  JsonValue,
  Policy,
} from "./types.js";
import { ID_RULE, isAmount, isReservedId, isValidId } from "./validate.js";
import { OPERATOR, type World } from "./world.js";

const FREE: Cost = { price: 0, value: 0, compute: 0 };
/** Each kernel's world, for the package's own tests (see {@link worldOf}). */
const worlds = new WeakMap<Kernel, World>();
const KEEP = () => true;

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
  #closed = false;

  /** @internal use {@link createKernel}. */
  constructor(
    world: World,
    ownsRuntime: Runtime | undefined,
    memory: boolean,
    durability: Durability | undefined,
  ) {
    this.#world = world;
    worlds.set(this, world);
    this.#ownsRuntime = ownsRuntime;
    this.#memory = memory;
    this.#durability = durability;
  }

  get #live(): World {
    if (this.#closed) throw new KernelError("closed", "the kernel is closed");
    return this.#world;
  }

  /** Runs one top-level operation as one storage transaction, turning refusals into envelopes. */
  #op<T extends JsonValue>(
    origin: string,
    body: (tx: Tx) => { result: T; cost?: Cost },
    needsPrincipal = true,
  ): Envelope<T> {
    const world = this.#live;
    return transaction(
      world,
      origin,
      world.clock(),
      (tx): Envelope<T> => {
        try {
          if (needsPrincipal) requirePrincipal(world, origin);
          const { result, cost } = body(tx);
          return { success: true, result, cost: cost ?? FREE, events: tx.eventsSince(0) };
        } catch (e) {
          if (e instanceof Refusal)
            return {
              success: false,
              error: capError(e.toError(undefined), world.limits.maxErrorBytes),
            };
          throw e;
        }
      },
      (env) => env.success,
    );
  }

  /** Operator: creates an agent principal and mints its starting scrip. */
  createPrincipal(
    id: string,
    options: { scrip?: number } = {},
  ): Envelope<{ id: string; balance: number }> {
    return this.#op(
      OPERATOR,
      (tx) => {
        const w = this.#world;
        if (!isValidId(id))
          refuse(
            "invalid_argument",
            `${JSON.stringify(id) ?? "undefined"} is not a valid id (${ID_RULE})`,
          );
        if (isReservedId(id) || id === OPERATOR)
          refuse("invalid_argument", `${id} is reserved for the kernel`);
        if (w.storage.hasPrincipal(id) || w.storage.getArtifact(id))
          refuse("conflict", `id ${id} is already taken`);
        const scrip = options?.scrip ?? 0;
        if (!isAmount(scrip))
          refuse("invalid_argument", "scrip must be a non-negative safe integer");
        w.storage.insertPrincipal(id, tx.now);
        w.storage.setBalance(id, 0);
        tx.append({
          type: "principal.created",
          actor: OPERATOR,
          target: id,
          data: { id },
        });
        if (scrip > 0) mintScrip(w, tx, id, scrip);
        return { result: { id, balance: scrip } };
      },
      false,
    );
  }

  /** Operator: creates `amount` new scrip in `id`'s wallet. */
  mint(id: string, amount: number): Envelope<{ id: string; balance: number }> {
    return this.#op(
      OPERATOR,
      (tx) => {
        if (!isValidId(id)) refuse("invalid_argument", "mint needs a valid id");
        mintScrip(this.#world, tx, id, amount);
        return { result: { id, balance: this.#world.storage.getBalance(id) } };
      },
      false,
    );
  }

  /** Deploys a contract owned by `caller` and runs its `init`; result `{ id, codeHash }`. */
  deploy(caller: string, spec: DeploySpec): Envelope<{ id: string; codeHash: string }> {
    return this.#op(caller, (tx) => {
      const { id, codeHash, compute } = deployContract(this.#world, tx, caller, spec);
      return { result: { id, codeHash }, cost: { price: 0, value: 0, compute } };
    });
  }

  /** Creates a data artifact owned by `caller`, or updates one it owns. */
  write(
    caller: string,
    id: string,
    content: JsonValue,
    options: { policy?: Partial<Policy>; metadata?: { [key: string]: JsonValue } } = {},
  ): Envelope<{ id: string; version: number; created: boolean }> {
    return this.#op(caller, (tx) => ({
      result: writeData(this.#world, tx, caller, id, content, options ?? {}),
    }));
  }

  /** Reads an artifact as `caller` (allowRead and gate enforced, readPrice paid to the owner). */
  read(caller: string, id: string): Envelope<JsonValue> {
    return this.#op(caller, (tx) => {
      const r = readArtifact(this.#world, tx, caller, id);
      return { result: r.content, cost: { price: r.price, value: 0, compute: r.compute } };
    });
  }

  /** Deletes an artifact `caller` owns (refused while it holds scrip). */
  delete(caller: string, id: string): Envelope<{ id: string }> {
    return this.#op(caller, (tx) => {
      deleteArtifact(this.#world, tx, caller, id);
      return { result: { id } };
    });
  }

  /** Changes fields of the policy of an artifact `caller` owns; result is the new policy. */
  setPolicy(caller: string, id: string, policy: Partial<Policy>): Envelope<Policy> {
    return this.#op(caller, (tx) => {
      setArtifactPolicy(this.#world, tx, caller, id, policy);
      return { result: policyOf(this.#world, id) as unknown as JsonValue };
    }) as Envelope<Policy>;
  }

  /** Gives an artifact `caller` owns to another principal or artifact. */
  transferOwnership(
    caller: string,
    id: string,
    to: string,
  ): Envelope<{ id: string; owner: string }> {
    return this.#op(caller, (tx) => {
      changeOwner(this.#world, tx, caller, id, to);
      return { result: { id, owner: to } };
    });
  }

  /**
   * Invokes `target.method(...args)` as `caller` (DESIGN.md §2.1), one transaction. `value` is
   * scrip attached to the call; `maxPrice` is the highest price the caller agrees to pay — a
   * higher one (say the owner raised it since the caller looked) fails with `conflict` and
   * `details.price` / `details.maxPrice` before anything is paid.
   */
  invoke(
    caller: string,
    target: string,
    method: string,
    args: JsonValue[] = [],
    options: { value?: number; maxPrice?: number } = {},
  ): Envelope {
    const world = this.#live;
    const now = world.clock();
    const refused = refusedUpFront(world, caller, now);
    if (refused) {
      const error = { ...refused, path: [{ artifact: String(target), method: String(method) }] };
      return { success: false, error: capError(error, world.limits.maxErrorBytes) };
    }
    const request = {
      caller,
      target,
      method,
      args,
      value: options?.value ?? 0,
      maxPrice: options?.maxPrice,
    };
    // Always committed: a failed call leaves its invoke.failed records in this transaction.
    return transaction(world, caller, now, (tx) => world.invoke(tx, request), KEEP);
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

  /** The whole economy as bytes (SQLite serialization); pair with {@link Kernel.restore}. */
  snapshot(): Uint8Array {
    if (this.#live.storage.inTransaction())
      throw new KernelError("bug", "snapshot during a transaction");
    return this.#world.storage.serialize();
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
    const next = openSqliteStorage(bytes, this.#durability ? { durability: this.#durability } : {});
    world.storage.close();
    world.storage = next;
  }

  /** Closes storage (and the runtime the kernel created). Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#world.storage.close();
    this.#ownsRuntime?.dispose();
  }
}

/**
 * The world of a kernel: its storage, caches and ports. Internal — not exported from the
 * package; tests use it to look inside (cache bounds, storage transactions).
 *
 * @throws {KernelError} `bug` for an object that is not a kernel of this module.
 */
export function worldOf(kernel: Kernel): World {
  const world = worlds.get(kernel);
  if (world === undefined) throw new KernelError("bug", "not a kernel");
  return world;
}

/** Why `caller` cannot start an invoke at all: not a principal, or over its failure quota. */
function refusedUpFront(world: World, caller: string, now: number): EnvelopeError | undefined {
  if (!isValidId(caller) || !world.storage.hasPrincipal(caller))
    return {
      code: "not_found",
      message: `caller ${String(caller)} is not a principal; create it first`,
    };
  return failureQuotaRefusal(world, caller, now);
}

function requirePrincipal(world: World, id: string): void {
  if (!isValidId(id) || !world.storage.hasPrincipal(id))
    refuse("not_found", `caller ${String(id)} is not a principal; create it first`);
}

function policyOf(world: World, id: string): Policy {
  const row = world.storage.getArtifact(id);
  return row ? parsePolicy(row) : { ...DEFAULT_POLICY };
}
