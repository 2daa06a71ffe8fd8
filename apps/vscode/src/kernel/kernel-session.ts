import { join } from "node:path";
import { readToken } from "./credentials.js";
import { createKernelRpc, type KernelRpc } from "./kernel-rpc.js";
import type {
  ArtifactSummary,
  Envelope,
  JsonValue,
  KernelEvent,
  ManifestMethod,
} from "./kernel-types.js";

/** Options of {@link openKernelSession}. */
export interface KernelSessionOptions {
  /** Base URL of `ecology dev`. */
  url: string;
  /** The workspace folder whose `.ecology/` holds the tokens. */
  workspace: string;
  /** The principal deploys and invokes act as; created when missing. */
  principal: string;
  /** Scrip given to a principal this session creates. */
  scrip: number;
}

/** A failure the session reports as a value: the kernel refused, or did not answer. */
export type SessionResult<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * A connection to one running local kernel, acting as one principal, that follows the event
 * stream and tells its listeners when the kernel changed. Live until {@link close}.
 */
export interface KernelSession {
  readonly url: string;
  readonly principal: string;
  /** Events seen so far (the backlog, then live ones), oldest first, at most 500. */
  readonly events: readonly KernelEvent[];
  artifacts(): Promise<SessionResult<ArtifactSummary[]>>;
  balances(): Promise<SessionResult<{ [id: string]: number }>>;
  /** The methods of a contract artifact, from its manifest (empty for data / genesis). */
  methods(id: string): Promise<SessionResult<ManifestMethod[]>>;
  invoke(target: string, method: string, args: JsonValue[], value?: number): Promise<Envelope>;
  /** Calls `listener` after each new event; returns a function that removes it. */
  onChange(listener: (event: KernelEvent) => void): () => void;
  close(): void;
}

const KEEP_EVENTS = 500;

/**
 * Connects to the kernel at `options.url`: reads the operator token, creates the principal (and
 * its token) when it has none, and starts following events.
 *
 * @example
 * ```ts
 * const opened = await openKernelSession({ url, workspace, principal: "dev", scrip: 1000 });
 * if (opened.ok) await opened.value.invoke("pool", "join", [], 10);
 * ```
 */
export async function openKernelSession(
  options: KernelSessionOptions,
): Promise<SessionResult<KernelSession>> {
  const dir = join(options.workspace, ".ecology");
  const operator = readToken(dir);
  if (!operator) return { ok: false, message: `no operator token in ${dir}: run \`ecology init\`` };
  const rpc = createKernelRpc(options.url);
  const token = await principalToken(rpc, dir, operator, options);
  if (!token.ok) return token;
  return { ok: true, value: createSession(rpc, options.principal, operator, token.value) };
}

async function principalToken(
  rpc: KernelRpc,
  dir: string,
  operator: string,
  options: KernelSessionOptions,
): Promise<SessionResult<string>> {
  const existing = readToken(dir, options.principal);
  if (existing) return { ok: true, value: existing };
  const created = await data(
    rpc.call("createPrincipal", { id: options.principal, scrip: options.scrip }, operator),
  );
  if (!created.ok) return created;
  const issued = readToken(dir, options.principal);
  return issued
    ? { ok: true, value: issued }
    : { ok: false, message: `the kernel stored no token for ${options.principal} in ${dir}` };
}

function createSession(
  rpc: KernelRpc,
  principal: string,
  operator: string,
  token: string,
): KernelSession {
  const events: KernelEvent[] = [];
  const listeners = new Set<(event: KernelEvent) => void>();
  const abort = new AbortController();
  const onEvent = (event: KernelEvent) => {
    events.push(event);
    if (events.length > KEEP_EVENTS) events.shift();
    for (const listener of listeners) listener(event);
  };
  // The stream ends when the kernel stops; the views then show the last state they saw.
  rpc.follow(0, operator, onEvent, abort.signal).catch(() => undefined);
  return {
    url: rpc.url,
    principal,
    events,
    artifacts: () => data<ArtifactSummary[]>(rpc.call("artifacts", {}, operator)),
    balances: () => data<{ [id: string]: number }>(rpc.call("balances", {}, operator)),
    methods: async (id) => {
      const artifact = await data<{ code?: { manifest?: { methods: ManifestMethod[] } } } | null>(
        rpc.call("getArtifact", { id }, operator),
      );
      if (!artifact.ok) return artifact;
      return { ok: true, value: artifact.value?.code?.manifest?.methods ?? [] };
    },
    invoke: async (target, method, args, value) => {
      const params = value ? { target, method, args, value } : { target, method, args };
      const outcome = await rpc.call("invoke", params, token);
      if (outcome.ok) return outcome.result as Envelope;
      return {
        success: false,
        error: { code: String(outcome.error.code), message: outcome.error.message },
      };
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => abort.abort(),
  };
}

/** Unwraps an RPC answer that is plain data or a success envelope around it. */
async function data<T>(
  pending: Promise<import("./kernel-rpc.js").RpcOutcome>,
): Promise<SessionResult<T>> {
  const outcome = await pending;
  if (!outcome.ok) return { ok: false, message: outcome.error.message };
  const result = outcome.result as Envelope | T;
  if (isEnvelope(result)) {
    return result.success
      ? { ok: true, value: result.result as T }
      : { ok: false, message: `${result.error.code}: ${result.error.message}` };
  }
  return { ok: true, value: result };
}

function isEnvelope(value: unknown): value is Envelope {
  return typeof value === "object" && value !== null && "success" in value;
}
