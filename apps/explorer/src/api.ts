import {
  createClient,
  type EcologyClient,
  type ErrorCode,
  type EventFilter,
  type EventPage,
  type KernelEvent,
  RPC_ERRORS,
  type RpcMethod,
  type RpcParams,
  type RpcResult,
} from "@ecology/protocol";

/** What the page says instead of showing empty tables when the server refuses the token. */
export const TOKEN_REFUSED =
  "The server did not accept this token. Open the explorer with the URL `ecology dev` prints " +
  "(http://127.0.0.1:<port>/#token=<viewer token>); the token is in .ecology/viewer.token.";

/** What the page says when it was opened without any token. */
export const TOKEN_MISSING =
  "No token: open the explorer with the URL `ecology dev` prints " +
  "(http://127.0.0.1:<port>/#token=<viewer token>); the token is in .ecology/viewer.token.";

/** A failed call, with the envelope's error code; `tokenRefused` when the token was the cause. */
export class ExplorerError extends Error {
  readonly code: ErrorCode;
  /** Whether the server refused the token itself (not one method for this token). */
  readonly tokenRefused: boolean;
  constructor(code: ErrorCode, message: string, tokenRefused = false) {
    super(message);
    this.name = "ExplorerError";
    this.code = code;
    this.tokenRefused = tokenRefused;
  }
}

/** The explorer's view of a server: typed calls that answer results or throw ExplorerError. */
export interface Api {
  call<M extends RpcMethod>(method: M, params: RpcParams<M>): Promise<RpcResult<M>>;
  /** Reads one page of events (the shape the paging helpers take). */
  events(filter: EventFilter): Promise<EventPage>;
  /** Follows the event log from `filter.after` until `signal` aborts. */
  follow(filter: EventFilter, signal: AbortSignal): AsyncIterable<KernelEvent>;
}

/**
 * Creates the {@link Api} over `@ecology/protocol`'s client, same origin as the page.
 *
 * @example
 * ```ts
 * const api = createApi(location.origin, token);
 * const minted = await api.call("totalMinted", {});
 * ```
 */
export function createApi(url: string, token: string): Api {
  const client: EcologyClient = createClient({ url, token });
  const api: Api = {
    async call(method, params) {
      const envelope = await client.call(method, params);
      if (envelope.success) return envelope.result;
      const { code, message, details } = envelope.error;
      // 401 (missing or unknown token) is the token's fault, whatever the method.
      if (code === "not_authorized" && details?.rpcError === RPC_ERRORS.unauthorized)
        throw new ExplorerError(code, TOKEN_REFUSED, true);
      throw new ExplorerError(code, message);
    },
    events: (filter) => api.call("events", filter),
    follow: (filter, signal) => client.follow(filter, { signal }),
  };
  return api;
}
