import type { JsonValue } from "@ecology/kernel";
import type { CredentialStore, Identity } from "./credentials.js";
import type { KernelApi } from "./kernel-api.js";
import type { RpcMethod, RpcParams } from "./rpc-methods.js";

/** What a handler is given besides its params. */
export interface HandlerContext {
  kernel: KernelApi;
  credentials: CredentialStore;
  identity: Identity;
  /** The principal the request acts as (only set for principal methods). */
  caller: string;
}

/** A handler's answer: a result, or a message explaining why the params cannot be served. */
export type HandlerAnswer = { result: unknown } | { invalid: string };

type Handler<M extends RpcMethod> = (
  ctx: HandlerContext,
  params: RpcParams<M>,
) => Promise<HandlerAnswer>;

const ok = async (value: unknown): Promise<HandlerAnswer> => ({ result: await value });

/** One handler per method; each is a thin mapping onto one kernel operation. */
export const HANDLERS: { [M in RpcMethod]: Handler<M> } = {
  invoke: ({ kernel, caller }, p) =>
    ok(kernel.invoke(caller, p.target, p.method, p.args ?? [], invokeOptions(p))),
  deploy: ({ kernel, caller }, p) => ok(kernel.deploy(caller, p)),
  write: ({ kernel, caller }, p) =>
    ok(kernel.write(caller, p.id, p.content as JsonValue, writeOptions(p))),
  read: ({ kernel, caller }, p) => ok(kernel.read(caller, p.id)),
  delete: ({ kernel, caller }, p) => ok(kernel.delete(caller, p.id)),
  setPolicy: ({ kernel, caller }, p) => ok(kernel.setPolicy(caller, p.id, p.policy)),
  transferOwnership: ({ kernel, caller }, p) => ok(kernel.transferOwnership(caller, p.id, p.to)),
  balance: async ({ kernel, identity }, p) => {
    const id = p.id ?? (identity.kind === "principal" ? identity.id : undefined);
    if (id === undefined) return { invalid: "balance needs an id when called by the operator" };
    return ok(kernel.balance(id));
  },
  balances: ({ kernel }) => ok(kernel.balances()),
  totalMinted: ({ kernel }) => ok(kernel.totalMinted()),
  artifacts: ({ kernel }, p) => ok(kernel.query("artifacts", p)),
  query: ({ kernel }, p) =>
    ok(kernel.query(p.kind, (p.filters ?? {}) as Record<string, JsonValue>)),
  events: ({ kernel }, p) => ok(kernel.events(p as Record<string, JsonValue>)),
  verifyLog: ({ kernel }) => ok(kernel.verifyLog()),
  whoami: ({ identity }) => ok(identity),
  createPrincipal: async ({ kernel, credentials }, p) => {
    const envelope = await kernel.createPrincipal(p.id, scripOption(p.scrip));
    // The token is issued only once the kernel has accepted the principal, so a refused id
    // never gets credentials.
    if (envelope.success) credentials.issue(p.id);
    return { result: envelope };
  },
  mint: ({ kernel }, p) => ok(kernel.mint(p.id, p.amount)),
  getArtifact: async ({ kernel }, p) => ({ result: (await kernel.getArtifact(p.id)) ?? null }),
};

function invokeOptions(p: { value?: number; maxPrice?: number }): {
  value?: number;
  maxPrice?: number;
} {
  return {
    ...(p.value === undefined ? {} : { value: p.value }),
    ...(p.maxPrice === undefined ? {} : { maxPrice: p.maxPrice }),
  };
}

function scripOption(scrip: number | undefined): { scrip?: number } {
  return scrip === undefined ? {} : { scrip };
}

function writeOptions(p: RpcParams<"write">) {
  const options: { policy?: RpcParams<"write">["policy"]; metadata?: Record<string, JsonValue> } =
    {};
  if (p.policy) options.policy = p.policy;
  if (p.metadata) options.metadata = p.metadata as Record<string, JsonValue>;
  return options;
}

/** Methods that may append events (reads too: a read is logged as `artifact.read`). */
export const MUTATING_METHODS: ReadonlySet<RpcMethod> = new Set<RpcMethod>([
  "invoke",
  "deploy",
  "write",
  "read",
  "delete",
  "setPolicy",
  "transferOwnership",
  "createPrincipal",
  "mint",
]);
