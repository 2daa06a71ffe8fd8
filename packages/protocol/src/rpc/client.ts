import type { Envelope, FailureEnvelope } from "../envelope.js";
import { isErrorCode } from "../errors.js";
import type { EventFilter, KernelEvent } from "../events.js";
import { type JsonValue, valueNestsDeeperThan } from "../json.js";
import { validate } from "../schema/validate.js";
import {
  MAX_PARAMS_DEPTH,
  RPC_ERRORS,
  type RpcError,
  type RpcOutcome,
  rpcFailure,
} from "./jsonrpc.js";
import { RPC_METHODS, type RpcMethod, type RpcParams, type RpcResult } from "./methods.js";
import { createSseParser } from "./sse.js";

/**
 * How a client reaches a kernel: over HTTP ({@link httpTransport}), or in-process (the CLI's
 * embedded dispatcher). Both answer with the same outcomes.
 */
export interface RpcTransport {
  /** Sends one call; never throws (an unreachable server is an `internal` failure). */
  call(method: string, params: unknown, token: string | undefined): Promise<RpcOutcome>;
  /**
   * Follows the event log from `filter.after`, yielding events as they commit, until `signal`
   * aborts or the server ends the stream.
   * @throws {ProtocolError} when the stream is refused (token, filters, too many streams), or
   * ended by the server with an error.
   */
  follow(
    filter: EventFilter,
    signal: AbortSignal | undefined,
    token: string | undefined,
  ): AsyncIterable<KernelEvent>;
}

/**
 * A refusal outside any envelope: an event stream the server would not open. `code` is an
 * envelope error code and `hint` says what to do.
 */
export class ProtocolError extends Error {
  readonly code: RpcError["data"]["code"];
  readonly hint: string | undefined;
  /** The HTTP status, when the refusal came over HTTP. */
  readonly status: number | undefined;

  constructor(error: RpcError, status?: number) {
    super(error.message);
    this.name = "ProtocolError";
    this.code = error.data.code;
    this.hint = error.data.hint;
    this.status = status;
  }
}

/** Options of {@link httpTransport}. */
export interface HttpTransportOptions {
  /** Base URL of the server, e.g. `http://127.0.0.1:7420`. */
  url: string;
  /** The fetch to use (default: the global one, in Node 20+ and browsers). */
  fetch?: typeof fetch;
}

let nextId = 1;

/**
 * A transport over HTTP: JSON-RPC 2.0 at `POST /rpc`, Server-Sent Events at `GET /events`.
 * Params nested deeper than {@link MAX_PARAMS_DEPTH} are refused before sending (serializing
 * them would overflow the stack).
 */
export function httpTransport(options: HttpTransportOptions): RpcTransport {
  const base = options.url.replace(/\/+$/, "");
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const auth = (token: string | undefined): Record<string, string> =>
    token ? { authorization: `Bearer ${token}` } : {};

  async function call(method: string, params: unknown, token: string | undefined) {
    const tooDeep = refuseDeepParams(method, params);
    if (tooDeep) return tooDeep;
    let response: Response;
    try {
      response = await doFetch(`${base}/rpc`, {
        method: "POST",
        headers: { "content-type": "application/json", ...auth(token) },
        body: JSON.stringify({ jsonrpc: "2.0", id: nextId++, method, params: params ?? {} }),
      });
    } catch (error) {
      return unreachable(base, error);
    }
    const body = (await response.json().catch(() => undefined)) as
      | { result?: unknown; error?: RpcError }
      | undefined;
    if (body?.error) return { ok: false as const, error: body.error };
    if (body && "result" in body) return { ok: true as const, result: body.result };
    return rpcFailure(
      RPC_ERRORS.internal,
      "internal",
      `bad answer from ${base} (HTTP ${response.status})`,
    );
  }

  async function* follow(
    filter: EventFilter,
    signal: AbortSignal | undefined,
    token: string | undefined,
  ): AsyncIterable<KernelEvent> {
    let response: Response;
    try {
      response = await doFetch(`${base}/events?${eventQuery(filter)}`, {
        headers: { accept: "text/event-stream", ...auth(token) },
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (signal?.aborted) return;
      const failure = unreachable(base, error);
      throw new ProtocolError(failure.error);
    }
    if (!response.ok || !response.body) throw await refusal(response);
    const parser = createSseParser();
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        for (const message of parser.feed(decoder.decode(value, { stream: true }))) {
          if (message.event === "message") yield JSON.parse(message.data) as KernelEvent;
          // The server ends a stream it can no longer serve with its reason (`event: error`).
          else if (message.event === "error")
            throw new ProtocolError(JSON.parse(message.data) as RpcError);
        }
      }
    } catch (error) {
      if (!signal?.aborted) throw error;
    } finally {
      reader.releaseLock();
    }
  }

  return { call, follow };
}

function eventQuery(filter: EventFilter): URLSearchParams {
  const query = new URLSearchParams();
  if (filter.after !== undefined) query.set("after", String(filter.after));
  if (filter.types?.length) query.set("types", filter.types.join(","));
  if (filter.principal) query.set("principal", filter.principal);
  if (filter.artifact) query.set("artifact", filter.artifact);
  return query;
}

/** The error a refused stream answered with: `{ error: RpcError }` JSON, or its status alone. */
async function refusal(response: Response): Promise<ProtocolError> {
  const text = await response.text().catch(() => "");
  try {
    const body = JSON.parse(text) as { error?: RpcError };
    if (body.error && isErrorCode(body.error.data?.code))
      return new ProtocolError(body.error, response.status);
  } catch {
    // not JSON: described by its status below
  }
  const code =
    response.status === 400
      ? "invalid_argument"
      : response.status === 401 || response.status === 403
        ? "not_authorized"
        : "internal";
  return new ProtocolError(
    {
      code: RPC_ERRORS.internal,
      message: `event stream refused: HTTP ${response.status} ${text.slice(0, 200)}`,
      data: { code },
    },
    response.status,
  );
}

/**
 * The answer to params nested deeper than {@link MAX_PARAMS_DEPTH}, or undefined. Servers and
 * clients answer it alike, so a deep value gets the same error embedded and served.
 */
export function refuseDeepParams(method: string, params: unknown): RpcOutcome | undefined {
  if (!valueNestsDeeperThan(params, MAX_PARAMS_DEPTH)) return undefined;
  return rpcFailure(
    RPC_ERRORS.invalidParams,
    "invalid_argument",
    `invalid params for ${method.slice(0, 64)}: nested deeper than ${MAX_PARAMS_DEPTH} levels`,
  );
}

function unreachable(base: string, error: unknown): Extract<RpcOutcome, { ok: false }> {
  const reason =
    error instanceof Error
      ? ((error.cause as Error | undefined)?.message ?? error.message)
      : String(error);
  return rpcFailure(
    RPC_ERRORS.internal,
    "internal",
    `cannot reach the kernel server at ${base} (${reason})`,
    "start it with `ecology dev`",
  );
}

/** Options of {@link createClient}: a URL (HTTP) or a transport, and the default token. */
export type ClientOptions = (HttpTransportOptions | { transport: RpcTransport }) & {
  /** Bearer token sent with every call; a call may override it. */
  token?: string;
  /**
   * Check every success envelope's `result` against the method's result schema, answering a
   * mismatch as an `internal` failure (tests and tools that must not guess shapes).
   */
  validateResults?: boolean;
};

/** Per-call options. */
export interface CallOptions {
  /** Act with this token instead of the client's. */
  token?: string;
}

/** A typed client of an Ecology server (DESIGN.md §8). Stateless apart from HTTP keep-alive. */
export interface EcologyClient {
  /** The transport it calls through. */
  readonly transport: RpcTransport;
  /**
   * Calls `method` and answers its envelope. Never throws: a refusal before the method ran
   * (token, unknown method, params, unreachable server) is a failure envelope whose
   * `details.rpcError` is the JSON-RPC code and `details.hint` says what to do.
   */
  call<M extends RpcMethod>(
    method: M,
    params: RpcParams<M>,
    options?: CallOptions,
  ): Promise<Envelope<RpcResult<M>>>;
  /**
   * Follows the event log, yielding events as they commit, until `signal` aborts.
   * @throws {ProtocolError} when the stream is refused.
   */
  follow(
    filter?: EventFilter,
    options?: CallOptions & { signal?: AbortSignal },
  ): AsyncIterable<KernelEvent>;
}

/**
 * Creates an {@link EcologyClient}, in Node or in a browser.
 *
 * @example
 * ```ts
 * const client = createClient({ url: "http://127.0.0.1:7420", token });
 * const env = await client.call("invoke", { target: "svc", method: "run", args: [] });
 * if (env.success) console.log(env.result, env.cost);
 * else console.error(env.error.code, env.error.message);
 * ```
 */
export function createClient(options: ClientOptions): EcologyClient {
  const transport = "transport" in options ? options.transport : httpTransport(options);
  return {
    transport,
    async call(method, params, callOptions) {
      const outcome = await transport.call(method, params, callOptions?.token ?? options.token);
      const envelope = envelopeOf(outcome);
      if (options.validateResults && envelope.success) {
        const checked = validate(RPC_METHODS[method].result, envelope.result, { path: "result" });
        if (!checked.ok)
          return failure(
            "internal",
            `${method} answered a result off the protocol: ${checked.message}`,
          );
      }
      return envelope as Envelope<RpcResult<typeof method>>;
    },
    follow(filter = {}, callOptions = {}) {
      return transport.follow(filter, callOptions.signal, callOptions.token ?? options.token);
    },
  };
}

/**
 * The envelope of an outcome: the server's envelope, or a failure envelope built from a JSON-RPC
 * error (`details.rpcError`, `details.hint`).
 *
 * @example
 * ```ts
 * envelopeOf(await transport.call("balance", {}, token));
 * ```
 */
export function envelopeOf(outcome: RpcOutcome): Envelope<unknown> {
  if (!outcome.ok) {
    const { code, message, data } = outcome.error;
    const details: { [key: string]: JsonValue } = { rpcError: code };
    if (data?.hint) details.hint = data.hint;
    return {
      success: false,
      error: { code: isErrorCode(data?.code) ? data.code : "internal", message, details },
    };
  }
  const r = outcome.result as { success?: unknown } | null;
  if (r !== null && typeof r === "object" && (r.success === true || r.success === false))
    return r as Envelope<unknown>;
  return failure("internal", "the server answered something that is not an envelope");
}

function failure(code: "internal", message: string): FailureEnvelope {
  return { success: false, error: { code, message } };
}
