import type { EventFilter, KernelEvent } from "@ecology/kernel";
import { createParser } from "eventsource-parser";
import { refuseDeepParams } from "./json-depth.js";
import { RPC_ERRORS, type RpcOutcome, rpcFailure } from "./rpc-error.js";
import { ServerError } from "./server-error.js";

/** Options of {@link createRpcClient}. */
export interface RpcClientOptions {
  /** Base URL of the server, e.g. `http://127.0.0.1:7420`. */
  url: string;
  /** Bearer token sent with every request; a call may override it. */
  token?: string;
}

/** A client of an Ecology server; stateless apart from HTTP keep-alive connections. */
export interface RpcClient {
  /** Calls `method`; never throws (an unreachable server is an `internal` failure). */
  call(method: string, params?: unknown, token?: string): Promise<RpcOutcome>;
  /**
   * Follows the event stream from `filter.after`, yielding events as they commit. Ends when
   * `signal` aborts or the server closes the stream.
   * @throws ServerError `stream_refused` when the server refuses the stream (token, filters).
   */
  follow(filter: EventFilter, signal?: AbortSignal, token?: string): AsyncIterable<KernelEvent>;
}

let nextId = 1;

/**
 * Creates an {@link RpcClient}.
 *
 * @example
 * ```ts
 * const client = createRpcClient({ url: "http://127.0.0.1:7420", token });
 * const out = await client.call("invoke", { target: "svc", method: "run", args: [] });
 * ```
 */
export function createRpcClient(options: RpcClientOptions): RpcClient {
  const base = options.url.replace(/\/+$/, "");
  const headers = (token: string | undefined): Record<string, string> =>
    token ? { authorization: `Bearer ${token}` } : {};

  async function call(
    method: string,
    params?: unknown,
    token = options.token,
  ): Promise<RpcOutcome> {
    const tooDeep = refuseDeepParams(method, params);
    if (tooDeep) return tooDeep;
    const id = nextId++;
    let response: Response;
    try {
      response = await fetch(`${base}/rpc`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers(token) },
        body: JSON.stringify({ jsonrpc: "2.0", id, method, params: params ?? {} }),
      });
    } catch (error) {
      return unreachable(base, error);
    }
    const body = (await response.json().catch(() => undefined)) as
      | { result?: unknown; error?: Extract<RpcOutcome, { ok: false }>["error"] }
      | undefined;
    if (body?.error) return { ok: false as const, error: body.error };
    if (body && "result" in body) return { ok: true, result: body.result };
    return rpcFailure(
      RPC_ERRORS.internal,
      "internal",
      `bad answer from ${base} (HTTP ${response.status})`,
    );
  }

  async function* follow(filter: EventFilter, signal?: AbortSignal, token = options.token) {
    const query = new URLSearchParams();
    if (filter.after !== undefined) query.set("after", String(filter.after));
    if (filter.types?.length) query.set("types", filter.types.join(","));
    if (filter.principal) query.set("principal", filter.principal);
    if (filter.artifact) query.set("artifact", filter.artifact);
    const response = await fetch(`${base}/events?${query}`, {
      headers: headers(token),
      ...(signal ? { signal } : {}),
    });
    if (!response.ok || !response.body) {
      throw new ServerError(
        "stream_refused",
        `event stream refused: HTTP ${response.status} ${await response.text()}`,
      );
    }
    const queue: KernelEvent[] = [];
    const parser = createParser({
      onEvent: (message) => queue.push(JSON.parse(message.data) as KernelEvent),
    });
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body) {
        parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }));
        while (queue.length > 0) yield queue.shift() as KernelEvent;
      }
    } catch (error) {
      if (!signal?.aborted) throw error;
    }
  }

  return { call, follow };
}

function unreachable(base: string, error: unknown): RpcOutcome {
  const reason =
    error instanceof Error
      ? ((error.cause as Error | undefined)?.message ?? error.message)
      : String(error);
  return rpcFailure(
    RPC_ERRORS.internal,
    "internal",
    `cannot reach the kernel server at ${base} (${reason})`,
    "start it with `ecology dev` or drop --kernel to use the embedded kernel",
  );
}
