import {
  type Caller,
  type Envelope,
  fail,
  type GrantLimits,
  type Identity,
  type JsonValue,
  type RpcMethod,
  type RpcParams,
  type RpcResult,
  succeed,
} from "@ecology/protocol";
import type { CredentialStore } from "./credentials.js";
import type { KernelApi } from "./kernel-api.js";

/** What a handler is given besides its params. */
export interface HandlerContext {
  kernel: KernelApi;
  credentials: CredentialStore;
  identity: Identity;
  /**
   * Who the request acts as for principal methods: the principal's id, or the principal under
   * the grant whose token was presented (with `confirmed` when the params carried it).
   */
  caller: Caller;
}

type Awaitable<T> = T | Promise<T>;

/**
 * The handler of method `M`: its params as the table's schema admitted them, and the envelope
 * of the table's result type — so the compiler checks that every method answers an envelope of
 * exactly what `RPC_METHODS[M].result` promises.
 */
export type Handler<M extends RpcMethod> = (
  ctx: HandlerContext,
  params: RpcParams<M>,
) => Awaitable<Envelope<RpcResult<M>>>;

/** One handler per method of the table; each is a thin mapping onto one kernel operation. */
export const HANDLERS: { [M in RpcMethod]: Handler<M> } = {
  invoke: ({ kernel, caller }, p) =>
    kernel.invoke(caller, p.target, p.method, p.args ?? [], invokeOptions(p)),
  deploy: ({ kernel, caller }, p) => kernel.deploy(caller, p),
  upgrade: ({ kernel, caller }, p) =>
    kernel.upgrade(
      caller,
      p.id,
      p.args === undefined ? { code: p.code } : { code: p.code, args: p.args },
    ),
  journal: ({ kernel }, p) => kernel.journal(p),
  write: ({ kernel, caller }, p) => kernel.write(caller, p.id, p.content, writeOptions(p)),
  read: ({ kernel, caller }, p) => kernel.read(caller, p.id),
  delete: ({ kernel, caller }, p) => kernel.delete(caller, p.id),
  setPolicy: ({ kernel, caller }, p) => kernel.setPolicy(caller, p.id, p.policy),
  transferOwnership: ({ kernel, caller }, p) => kernel.transferOwnership(caller, p.id, p.to),
  balance: async ({ kernel, identity }, p) => {
    const id = p.id ?? (identity.kind === "operator" ? undefined : identity.id);
    if (id === undefined)
      return fail("invalid_argument", "balance needs an id when called by the operator");
    return succeed(await kernel.balance(id));
  },
  balances: async ({ kernel }) => succeed(await kernel.balances()),
  totalMinted: async ({ kernel }) => succeed(await kernel.totalMinted()),
  // The kernel types discovery rows as JSON; their shape is the result schema's, which the
  // every-method test checks over HTTP.
  artifacts: async ({ kernel }, p) =>
    (await kernel.query("artifacts", p)) as Envelope<RpcResult<"artifacts">>,
  query: async ({ kernel }, p) =>
    (await kernel.query(p.kind, p.filters ?? {})) as Envelope<RpcResult<"query">>,
  events: ({ kernel }, p) => kernel.events(p as { [key: string]: JsonValue }),
  // Only the operator sees what allowRead protects; everyone else gets it redacted.
  // Frames nest, so the table describes them as JSON; their shape is the protocol's TraceFrame.
  trace: async ({ kernel, identity }, p) =>
    (await kernel.trace(p, { redacted: identity.kind !== "operator" })) as Envelope<
      RpcResult<"trace">
    >,
  verifyLog: async ({ kernel }) => succeed(await kernel.verifyLog()),
  whoami: ({ identity }) => succeed(identity),
  createPrincipal: async ({ kernel, credentials }, p) => {
    const envelope = await kernel.createPrincipal(p.id, scripOption(p.scrip));
    // The token is issued only once the kernel has accepted the principal, so a refused id
    // never gets credentials.
    if (envelope.success) credentials.issue(p.id);
    return envelope;
  },
  mint: ({ kernel }, p) => kernel.mint(p.id, p.amount),
  grantCreate: async ({ kernel, identity }, p) => {
    const { principal, ...limits } = p;
    const owner = grantOwner(identity, principal);
    return typeof owner === "string" ? kernel.createGrant(owner, limits as GrantLimits) : owner;
  },
  grantList: async ({ kernel, identity }, p) => {
    const owner = grantOwner(identity, p.principal);
    return typeof owner === "string" ? kernel.listGrants(owner) : owner;
  },
  grantRevoke: async ({ kernel, identity }, p) => {
    const owner = grantOwner(identity, p.principal);
    return typeof owner === "string" ? kernel.revokeGrant(owner, p.id) : owner;
  },
  getArtifact: async ({ kernel }, p) => {
    const artifact = await kernel.getArtifact(p.id);
    return artifact ? succeed(artifact) : fail("not_found", `no artifact ${p.id}`);
  },
};

/**
 * Whose grants a grant method acts on: a principal's own (naming another is refused), or for
 * the operator the principal it names. Grant tokens never get here (the table refuses them).
 */
function grantOwner(identity: Identity, principal: string | undefined): string | Envelope<never> {
  if (identity.kind === "operator")
    return principal ?? fail("invalid_argument", "the operator names the principal: { principal }");
  if (identity.kind !== "principal")
    return fail("not_authorized", "a grant cannot issue, list or revoke grants");
  if (principal !== undefined && principal !== identity.id)
    return fail("not_authorized", `${identity.id} manages its own grants only, not ${principal}'s`);
  return identity.id;
}

function invokeOptions(p: RpcParams<"invoke">): { value?: number; maxPrice?: number } {
  return {
    ...(p.value === undefined ? {} : { value: p.value }),
    ...(p.maxPrice === undefined ? {} : { maxPrice: p.maxPrice }),
  };
}

function scripOption(scrip: number | undefined): { scrip?: number } {
  return scrip === undefined ? {} : { scrip };
}

function writeOptions(p: RpcParams<"write">): Pick<RpcParams<"write">, "policy" | "metadata"> {
  return {
    ...(p.policy === undefined ? {} : { policy: p.policy }),
    ...(p.metadata === undefined ? {} : { metadata: p.metadata }),
  };
}
