import { createParser } from "eventsource-parser";
import type { KernelEvent } from "./kernel-types.js";

/** A failed call: the JSON-RPC error, or `unreachable` when no answer came back. */
export interface RpcFailure {
  ok: false;
  error: { code: string | number; message: string; data?: unknown };
}

/** What {@link KernelRpc.call} answers: the JSON-RPC result or a failure value. */
export type RpcOutcome = { ok: true; result: unknown } | RpcFailure;

/** A small client of `ecology dev`: JSON-RPC 2.0 at `POST /rpc`, Server-Sent Events at `/events`. */
export interface KernelRpc {
  /** Base URL, e.g. `http://127.0.0.1:7420`. */
  readonly url: string;
  /** Calls `method` with `token`; never throws (a network error is an `unreachable` failure). */
  call(method: string, params: object, token: string): Promise<RpcOutcome>;
  /**
   * Follows the event stream after `after`, calling `onEvent` per event, until `signal` aborts or
   * the server ends the stream. Resolves when the stream ends; rejects only when it was refused.
   */
  follow(
    after: number,
    token: string,
    onEvent: (event: KernelEvent) => void,
    signal: AbortSignal,
  ): Promise<void>;
}

let nextId = 1;

/**
 * Creates a {@link KernelRpc} for the server at `url`. Stateless: safe to drop at any time.
 *
 * @example
 * ```ts
 * const rpc = createKernelRpc("http://127.0.0.1:7420");
 * const out = await rpc.call("balances", {}, operatorToken);
 * ```
 */
export function createKernelRpc(url: string): KernelRpc {
  const base = url.replace(/\/+$/, "");
  return {
    url: base,
    async call(method, params, token) {
      const body = JSON.stringify({ jsonrpc: "2.0", id: nextId++, method, params });
      try {
        const response = await fetch(`${base}/rpc`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body,
        });
        const answer = (await response.json()) as { result?: unknown; error?: RpcFailure["error"] };
        if (answer.error) return { ok: false, error: answer.error };
        return { ok: true, result: answer.result };
      } catch (error) {
        return unreachable(base, error);
      }
    },
    async follow(after, token, onEvent, signal) {
      const response = await fetch(`${base}/events?after=${after}`, {
        headers: { authorization: `Bearer ${token}`, accept: "text/event-stream" },
        signal,
      });
      if (!response.ok || !response.body) {
        throw new Error(`the event stream was refused (HTTP ${response.status})`);
      }
      const parser = createParser({
        onEvent: (message) => onEvent(JSON.parse(message.data) as KernelEvent),
      });
      const decoder = new TextDecoder();
      try {
        for await (const chunk of response.body)
          parser.feed(decoder.decode(chunk, { stream: true }));
      } catch (error) {
        // Aborting is how callers stop following; anything else ends the stream the same way.
        if (!signal.aborted) throw error;
      }
    },
  };
}

function unreachable(base: string, error: unknown): RpcFailure {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    ok: false,
    error: { code: "unreachable", message: `${base} did not answer: ${reason}` },
  };
}
