import type {
  Artifact,
  ContractCode,
  Envelope,
  EventPage,
  JsonValue,
  Policy,
} from "@ecology/kernel";

type Awaitable<T> = T | Promise<T>;

/** What `deploy` takes (DESIGN.md §6): compiled code and optional id, init args, policy, metadata. */
export interface DeployRequest {
  id?: string;
  code: ContractCode;
  args?: JsonValue[];
  policy?: Partial<Policy>;
  metadata?: { [key: string]: JsonValue };
}

/** Options of `write`. */
export interface WriteOptions {
  policy?: Partial<Policy>;
  metadata?: { [key: string]: JsonValue };
}

/**
 * The kernel operations the server and CLI use: the structural subset of `@ecology/kernel`'s
 * `Kernel` they depend on. Every method may answer synchronously or with a promise.
 */
export interface KernelApi {
  createPrincipal(id: string, options?: { scrip?: number }): Awaitable<Envelope<unknown>>;
  mint(id: string, amount: number): Awaitable<Envelope<unknown>>;
  deploy(caller: string, request: DeployRequest): Awaitable<Envelope<unknown>>;
  write(
    caller: string,
    id: string,
    content: JsonValue,
    options?: WriteOptions,
  ): Awaitable<Envelope<unknown>>;
  read(caller: string, id: string): Awaitable<Envelope<unknown>>;
  delete(caller: string, id: string): Awaitable<Envelope<unknown>>;
  setPolicy(caller: string, id: string, policy: Partial<Policy>): Awaitable<Envelope<unknown>>;
  transferOwnership(caller: string, id: string, to: string): Awaitable<Envelope<unknown>>;
  invoke(
    caller: string,
    target: string,
    method: string,
    args: JsonValue[],
    options?: { value?: number; maxPrice?: number },
  ): Awaitable<Envelope<unknown>>;
  balance(id: string): Awaitable<number>;
  balances(): Awaitable<{ [id: string]: number }>;
  totalMinted(): Awaitable<number>;
  getArtifact(id: string): Awaitable<Artifact | null | undefined>;
  query(
    kind: "artifacts" | "principals" | "listings",
    filters: { [key: string]: JsonValue },
  ): Awaitable<Envelope<unknown>>;
  events(filter: { [key: string]: JsonValue }): Awaitable<Envelope<EventPage>>;
  verifyLog(): Awaitable<unknown>;
  close(): Awaitable<void>;
}
