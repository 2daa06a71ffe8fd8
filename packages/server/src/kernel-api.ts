import type {
  Artifact,
  Caller,
  Envelope,
  EventPage,
  Grant,
  GrantLimits,
  IssuedGrant,
  JournalPage,
  JsonValue,
  Policy,
  QueryKind,
  RpcParams,
  RpcResult,
  Trace,
  VerifyResult,
} from "@ecology/protocol";

type Awaitable<T> = T | Promise<T>;

/** Options of `write`: the `write` method's params besides the id and content. */
export type WriteOptions = Pick<RpcParams<"write">, "policy" | "metadata">;

/**
 * The kernel operations the server and CLI use: the structural subset of `@ecology/kernel`'s
 * `Kernel` they depend on, in the wire types of `@ecology/protocol`. Every method may answer
 * synchronously or with a promise.
 */
export interface KernelApi {
  createPrincipal(
    id: string,
    options?: { scrip?: number },
  ): Awaitable<Envelope<{ id: string; balance: number }>>;
  mint(id: string, amount: number): Awaitable<Envelope<{ id: string; balance: number }>>;
  deploy(
    caller: Caller,
    request: RpcParams<"deploy">,
  ): Awaitable<Envelope<{ id: string; codeHash: string }>>;
  write(
    caller: Caller,
    id: string,
    content: JsonValue,
    options?: WriteOptions,
  ): Awaitable<Envelope<{ id: string; version: number; created: boolean }>>;
  upgrade(
    caller: Caller,
    id: string,
    spec: { code: RpcParams<"upgrade">["code"]; args?: JsonValue[] },
  ): Awaitable<Envelope<RpcResult<"upgrade">>>;
  read(caller: Caller, id: string): Awaitable<Envelope<JsonValue>>;
  delete(caller: Caller, id: string): Awaitable<Envelope<{ id: string }>>;
  /** `policy.gate: null` removes the gate. */
  setPolicy(
    caller: Caller,
    id: string,
    policy: RpcParams<"setPolicy">["policy"],
  ): Awaitable<Envelope<Policy>>;
  transferOwnership(
    caller: Caller,
    id: string,
    to: string,
  ): Awaitable<Envelope<{ id: string; owner: string }>>;
  invoke(
    caller: Caller,
    target: string,
    method: string,
    args: JsonValue[],
    options?: { value?: number; maxPrice?: number },
  ): Awaitable<Envelope<JsonValue>>;
  balance(id: string): Awaitable<number>;
  balances(): Awaitable<{ [id: string]: number }>;
  totalMinted(): Awaitable<number>;
  getArtifact(id: string): Awaitable<Artifact | null | undefined>;
  /** Discovery; the rows of `kind` (checked against the RPC table's result schema by tests). */
  query(kind: QueryKind, filters: { [key: string]: JsonValue }): Awaitable<Envelope<JsonValue>>;
  events(filter: { [key: string]: JsonValue }): Awaitable<Envelope<EventPage>>;
  verifyLog(): Awaitable<VerifyResult>;
  /** Operator only: a page of the journal (inputs of every operation, never for principals). */
  journal(options: { after?: number; limit?: number }): Awaitable<Envelope<JournalPage>>;
  /** A transaction's trace; `redacted` hides what `allowRead` protects. */
  trace(which: RpcParams<"trace">, options: { redacted: boolean }): Awaitable<Envelope<Trace>>;
  /** Issues a grant of `principal` (DESIGN.md §10); the token is in the result, shown once. */
  createGrant(principal: string, limits: GrantLimits): Awaitable<Envelope<IssuedGrant>>;
  /** The grants of `principal`, newest first. */
  listGrants(principal: string): Awaitable<Envelope<Grant[]>>;
  /** Revokes a grant of `principal`. */
  revokeGrant(principal: string, grantId: string): Awaitable<Envelope<Grant>>;
  /** The live grant a grant token stands for, or undefined. */
  authenticateGrant(token: string): Awaitable<Grant | undefined>;
  close(): Awaitable<void>;
  /**
   * Group commit (ADR 0042), when the kernel has it: runs `fn` — several synchronous operations
   * — in one storage transaction committed when it returns, each operation in its own
   * savepoint. Throws, having kept nothing, when `fn` or the commit fails. A kernel without it
   * (say one behind a network) gets one transaction per request.
   */
  batch?<T>(fn: () => T): T;
  /**
   * Calls `listener` soon after commits to the economy, by any process sharing it where the
   * storage can tell (PostgreSQL), else this kernel's own; returns the unsubscribe function.
   * Optional: a kernel without it is polled by the event streams.
   */
  onCommit?(listener: () => void): () => void;
}
