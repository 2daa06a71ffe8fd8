import { join } from "node:path";
import {
  createClient,
  type EcologyClient,
  type Envelope,
  type JsonValue,
  type KernelEvent,
  type ManifestMethod,
  ProtocolError,
  type RpcResult,
} from "@ecology/protocol";
import { readToken } from "./credentials.js";

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
  /**
   * Settles when the event stream ends: undefined when it was closed or the kernel stopped,
   * the server's refusal when it would not open the stream.
   */
  readonly ended: Promise<ProtocolError | undefined>;
  artifacts(): Promise<SessionResult<RpcResult<"artifacts">>>;
  balances(): Promise<SessionResult<RpcResult<"balances">>>;
  /** The methods of a contract artifact, from its manifest (empty for data / genesis). */
  methods(id: string): Promise<SessionResult<ManifestMethod[]>>;
  invoke(
    target: string,
    method: string,
    args: JsonValue[],
    value?: number,
  ): Promise<Envelope<RpcResult<"invoke">>>;
  /** Calls `listener` after each new event; returns a function that removes it. */
  onChange(listener: (event: KernelEvent) => void): () => void;
  close(): void;
}

const KEEP_EVENTS = 500;

/**
 * Connects to the kernel at `options.url` through `@ecology/protocol`'s client: reads the
 * operator token, creates the principal (and its token) when it has none, and starts following
 * events.
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
  const client = createClient({ url: options.url, token: operator });
  const token = await principalToken(client, dir, options);
  if (!token.ok) return token;
  return { ok: true, value: createSession(client, options, token.value) };
}

async function principalToken(
  client: EcologyClient,
  dir: string,
  options: KernelSessionOptions,
): Promise<SessionResult<string>> {
  const existing = readToken(dir, options.principal);
  if (existing) return { ok: true, value: existing };
  const created = unwrap(
    await client.call("createPrincipal", { id: options.principal, scrip: options.scrip }),
  );
  if (!created.ok) return created;
  const issued = readToken(dir, options.principal);
  return issued
    ? { ok: true, value: issued }
    : { ok: false, message: `the kernel stored no token for ${options.principal} in ${dir}` };
}

function createSession(
  client: EcologyClient,
  options: KernelSessionOptions,
  token: string,
): KernelSession {
  const events: KernelEvent[] = [];
  const listeners = new Set<(event: KernelEvent) => void>();
  const abort = new AbortController();
  const ended = follow(client, abort.signal, (event) => {
    events.push(event);
    if (events.length > KEEP_EVENTS) events.shift();
    for (const listener of listeners) listener(event);
  });
  return {
    url: options.url.replace(/\/+$/, ""),
    principal: options.principal,
    events,
    ended,
    artifacts: async () => unwrap(await client.call("artifacts", {})),
    balances: async () => unwrap(await client.call("balances", {})),
    methods: async (id) => {
      const artifact = unwrap(await client.call("getArtifact", { id }));
      if (!artifact.ok) return artifact;
      return { ok: true, value: artifact.value.code?.manifest.methods ?? [] };
    },
    invoke: (target, method, args, value) =>
      client.call("invoke", value ? { target, method, args, value } : { target, method, args }, {
        token,
      }),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => abort.abort(),
  };
}

/** Follows the whole event log until `signal` aborts or the kernel ends the stream. */
async function follow(
  client: EcologyClient,
  signal: AbortSignal,
  onEvent: (event: KernelEvent) => void,
): Promise<ProtocolError | undefined> {
  try {
    for await (const event of client.follow({ after: 0 }, { signal })) onEvent(event);
    return undefined;
  } catch (error) {
    if (error instanceof ProtocolError) return error;
    // The connection broke (the kernel stopped): the views keep the last state they saw.
    return undefined;
  }
}

/** The result of a success envelope, or its error as one line. */
function unwrap<T>(envelope: Envelope<T>): SessionResult<T> {
  return envelope.success
    ? { ok: true, value: envelope.result }
    : { ok: false, message: `${envelope.error.code}: ${envelope.error.message}` };
}
