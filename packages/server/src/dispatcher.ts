import {
  type Caller,
  GRANT_TOKEN_PREFIX,
  type Identity,
  isRpcMethod,
  RPC_ERRORS,
  RPC_METHODS,
  type RpcMethod,
  type RpcMethodSpec,
  type RpcOutcome,
  refuseDeepParams,
  rpcFailure,
  validate,
} from "@ecology/protocol";
import { type CommitQueue, createCommitQueue, type GroupCommitOptions } from "./commit-queue.js";
import type { CredentialStore } from "./credentials.js";
import { createEventHub, type EventHub } from "./event-hub.js";
import type { KernelApi } from "./kernel-api.js";
import { HANDLERS, type Handler } from "./rpc-handlers.js";

/** Options of {@link createDispatcher}. */
export interface DispatcherOptions {
  kernel: KernelApi;
  credentials: CredentialStore;
  /** Woken after every call that may have appended events; one is created when omitted. */
  hub?: EventHub;
  /** Refuse every method that `mutates` (see the RPC table), whatever the token. Default false. */
  readOnly?: boolean;
  /**
   * Group commit (ADR 0042): concurrent changes share one storage transaction when the kernel
   * has `batch`. Bounds as given, or `false` for one transaction per request. Default on.
   */
  groupCommit?: GroupCommitOptions | false;
}

/**
 * The methods whose handler is one synchronous kernel operation and nothing else, so it can
 * share a commit (ADR 0042). `createPrincipal` issues a token file after its operation and the
 * grant methods are rare: they run alone. Reads and views never join a batch.
 */
const GROUPED: ReadonlySet<RpcMethod> = new Set<RpcMethod>([
  "invoke",
  "deploy",
  "write",
  "read",
  "delete",
  "upgrade",
  "setPolicy",
  "transferOwnership",
  "mint",
]);

/**
 * Authenticates, authorises, validates and runs JSON-RPC calls against a kernel, one at a time
 * in arrival order, by `@ecology/protocol`'s `RPC_METHODS` (roles, params schemas, `mutates`).
 * The HTTP server and the embedded CLI both go through it, which is what makes their answers
 * identical.
 */
export interface Dispatcher {
  /**
   * Runs `method` with `params` as the identity `token` belongs to. Never throws. A method that
   * ran answers its envelope (`ok: true`); a refusal before it ran is a JSON-RPC error.
   */
  call(token: string | undefined, method: string, params: unknown): Promise<RpcOutcome>;
  /**
   * The queue every kernel operation goes through, in arrival order (the event stream reads
   * through it too); concurrent changes share commits through its `group`.
   */
  readonly queue: CommitQueue;
  /** Woken after calls that may have appended events. */
  readonly hub: EventHub;
  /**
   * Who `token` belongs to — the operator, a principal, or a principal under a live grant — or
   * undefined (for routes outside JSON-RPC, like the stream).
   */
  authenticate(token: string | undefined): Promise<Identity | undefined>;
  /** The kernel the calls run against. */
  readonly kernel: KernelApi;
}

/** What to do about a missing or unknown token (every route says the same). */
export const TOKEN_HINT =
  "send `Authorization: Bearer <token>` with a token from .ecology/ (operator.token, viewer.token or tokens/<id>.token)";

/**
 * Creates a {@link Dispatcher} over `kernel`.
 *
 * @example
 * ```ts
 * const d = createDispatcher({ kernel, credentials: createCredentialStore(".ecology") });
 * const out = await d.call(token, "invoke", { target: "svc", method: "run", args: [] });
 * if (out.ok) console.log(out.result); // the envelope: { success, result, cost, events } or the failure
 * ```
 */
export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { kernel, credentials } = options;
  const queue = createCommitQueue(batchRunner(kernel, options.groupCommit), groupBounds(options));
  const hub = options.hub ?? createEventHub();

  async function authenticate(token: string | undefined): Promise<Identity | undefined> {
    if (!token?.startsWith(GRANT_TOKEN_PREFIX)) return credentials.authenticate(token);
    // Looked up afresh on every request: a revoked or expired grant is refused on its next call.
    const grant = await kernel.authenticateGrant(token);
    return grant ? { kind: "grant", id: grant.principal, grant: grant.id } : undefined;
  }

  async function call(token: string | undefined, method: string, params: unknown) {
    const identity = await authenticate(token);
    if (!identity) {
      return rpcFailure(
        RPC_ERRORS.unauthorized,
        "not_authorized",
        "missing or unknown token",
        TOKEN_HINT,
      );
    }
    if (!isRpcMethod(method)) {
      return rpcFailure(
        RPC_ERRORS.methodNotFound,
        "unknown_method",
        `no method "${method.slice(0, 64)}"`,
        `methods: ${Object.keys(RPC_METHODS).join(", ")}`,
      );
    }
    const refused = checkRole(method, identity) ?? checkReadOnly(method, options.readOnly);
    if (refused) return refused;
    // The embedded CLI hands values, not text: the same limit, before any recursive walk.
    const tooDeep = refuseDeepParams(method, params);
    if (tooDeep) return tooDeep;
    const checked = validate(RPC_METHODS[method].params, params ?? {}, { path: "params" });
    if (!checked.ok) {
      return rpcFailure(
        RPC_ERRORS.invalidParams,
        "invalid_argument",
        `invalid params for ${method}: ${checked.message}`,
        "ids are 1-128 chars of [A-Za-z0-9_.:-], amounts whole numbers >= 0; unknown params are refused",
      );
    }
    return run(method, identity, checked.value);
  }

  async function run(method: RpcMethod, identity: Identity, params: unknown): Promise<RpcOutcome> {
    const caller = callerOf(identity, params);
    // `params` passed the schema of `method`, so it is `RpcParams<typeof method>`; TypeScript
    // cannot correlate a handler and its params across the union of methods by itself.
    const handler = HANDLERS[method] as Handler<RpcMethod>;
    try {
      const task = () => handler({ kernel, credentials, identity, caller }, params as never);
      const envelope = await (GROUPED.has(method) ? queue.group(task) : queue.run(task));
      return { ok: true, result: envelope };
    } catch (error) {
      // A throw from the kernel is a bug (ADR 0002); at this process boundary it becomes
      // `internal` so the server stays up and the client gets one line.
      const message = error instanceof Error ? error.message : String(error);
      return rpcFailure(RPC_ERRORS.internal, "internal", `internal error: ${message}`);
    } finally {
      if (RPC_METHODS[method].mutates) hub.notify();
    }
  }

  return { call, queue, hub, kernel, authenticate };
}

/** The kernel's `batch` when grouping is on and the kernel can group, else undefined. */
function batchRunner(
  kernel: KernelApi,
  groupCommit: GroupCommitOptions | false | undefined,
): ((fn: () => void) => void) | undefined {
  if (groupCommit === false || typeof kernel.batch !== "function") return undefined;
  return (fn) => kernel.batch?.(fn);
}

function groupBounds(options: DispatcherOptions): GroupCommitOptions {
  return options.groupCommit === false ? {} : (options.groupCommit ?? {});
}

/** Who a principal method acts as: the principal, or the principal under its grant. */
function callerOf(identity: Identity, params: unknown): Caller {
  if (identity.kind === "principal") return identity.id;
  if (identity.kind !== "grant") return "";
  const confirmed = (params as { confirmed?: unknown } | undefined)?.confirmed === true;
  return { principal: identity.id, grant: identity.grant, ...(confirmed ? { confirmed } : {}) };
}

function checkReadOnly(method: RpcMethod, readOnly: boolean | undefined): RpcOutcome | undefined {
  if (!readOnly || !RPC_METHODS[method].mutates) return undefined;
  return rpcFailure(
    RPC_ERRORS.forbidden,
    "not_authorized",
    `${method} changes the economy and this server is read-only`,
    "run `ecology dev` to serve the kernel with changes allowed",
  );
}

function checkRole(method: RpcMethod, identity: Identity): RpcOutcome | undefined {
  const spec: RpcMethodSpec = RPC_METHODS[method];
  if (identity.kind === "viewer") {
    // The table's `viewer` flag is the one place deciding what the read-only token may call.
    if (spec.viewer) return undefined;
    return rpcFailure(
      RPC_ERRORS.forbidden,
      "not_authorized",
      `${method} is not open to the viewer token: it sees metadata only (no content, no changes)`,
      "use a principal's token (.ecology/tokens/<id>.token) or the operator token",
    );
  }
  if (identity.kind === "grant") return checkGrantReach(method, spec);
  const role = spec.role;
  if (role === "principal" && identity.kind !== "principal") {
    return rpcFailure(
      RPC_ERRORS.forbidden,
      "not_authorized",
      `${method} acts as a principal; the operator token cannot be used for it`,
      "use the principal's own token (.ecology/tokens/<id>.token)",
    );
  }
  if (role === "operator" && identity.kind !== "operator") {
    return rpcFailure(
      RPC_ERRORS.forbidden,
      "not_authorized",
      `${method} is an operator method`,
      "use the operator token (.ecology/operator.token)",
    );
  }
  return undefined;
}

/**
 * What a grant token may reach (DESIGN.md §10): principal methods (the kernel enforces the
 * grant's limits on each) and views; never operator methods, and never the grant methods, so
 * a grant cannot mint itself wider grants.
 */
function checkGrantReach(method: RpcMethod, spec: RpcMethodSpec): RpcOutcome | undefined {
  const view = spec.role === "any" && !spec.mutates;
  if (!spec.refusesGrants && (spec.role === "principal" || view)) return undefined;
  return rpcFailure(
    RPC_ERRORS.forbidden,
    "not_authorized",
    `${method} cannot be called with a grant token`,
    "grant tokens reach principal methods and views only; use the principal's own token",
  );
}
