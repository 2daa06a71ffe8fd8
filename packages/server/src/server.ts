import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import { createApp, type McpRoute } from "./app.js";
import type { GroupCommitOptions } from "./commit-queue.js";
import { type CredentialStore, createCredentialStore } from "./credentials.js";
import { createDispatcher, type Dispatcher } from "./dispatcher.js";
import type { KernelApi } from "./kernel-api.js";
import { type RequestsInFlight, trackRequests } from "./requests-in-flight.js";
import { ServerError } from "./server-error.js";
import { createStreamSlots, type StreamSlots } from "./stream-slots.js";

/** The default port of `ecology dev`. */
export const DEFAULT_PORT = 7420;

const KEEP_ALIVE_MS = 65_000;
/** The longest `close()` waits for the requests already received to be answered. */
const ANSWER_WAIT_MS = 5_000;

/** Options of {@link createServer}. */
export interface ServerOptions {
  /** The kernel to serve; the server never closes it. */
  kernel: KernelApi;
  /** The `.ecology/` folder holding the operator and principal tokens. */
  dir: string;
  /**
   * Where tokens are checked. Default: the token files of `dir`. An economy several servers
   * share passes `createSharedCredentialStore(dir, kernel.credentials)` (digests in its
   * database), so a token issued through one server works on all.
   */
  credentials?: CredentialStore;
  /** Port to listen on; 0 picks a free one. Default 7420. */
  port?: number;
  /** Interface to listen on. Default and recommended: 127.0.0.1. */
  host?: string;
  /** Largest accepted request body in bytes. Default 4 MiB. */
  maxBodyBytes?: number;
  /**
   * Host names accepted in the `Host` and `Origin` headers besides the loopback names and the
   * bound address, without port (e.g. `["mybox.lan"]`). Anything else is refused (DNS rebinding).
   */
  allowedHosts?: readonly string[];
  /** Concurrent event streams, all tokens together; more get 429. Default 64. */
  maxStreams?: number;
  /** Concurrent event streams of one token; more get 429. Default 8. */
  maxStreamsPerToken?: number;
  /**
   * Refuse every method that can change the economy, whatever the token (`ecology explore`
   * serves a kernel file this way). Default false.
   */
  readOnly?: boolean;
  /**
   * Group commit (ADR 0042): concurrent changes share one storage transaction, each in its own
   * savepoint, each answered once it committed. Bounds as given, or `false` for one transaction
   * per request (the server before 0042). Default on.
   */
  groupCommit?: GroupCommitOptions | false;
  /**
   * Serves `/mcp` with this route, built once the dispatcher exists (it usually calls the
   * kernel through it). Without it `/mcp` is 404.
   */
  mcp?: (dispatcher: Dispatcher) => McpRoute;
}

/** A listening kernel server. */
export interface EcologyServer {
  /** Base URL, e.g. `http://127.0.0.1:7420`. */
  readonly url: string;
  readonly port: number;
  readonly dispatcher: Dispatcher;
  readonly credentials: CredentialStore;
  /** The open event streams, counted against `maxStreams` / `maxStreamsPerToken`. */
  readonly streams: Pick<StreamSlots, "open" | "changed">;
  /** The POST requests (`/rpc`, `/mcp`) received and not yet answered. */
  readonly requests: Pick<RequestsInFlight, "count">;
  /**
   * Stops listening, answers the requests already received (waiting at most 5 s), then ends
   * open connections (event streams included). Resolves once every event stream has finished
   * its last step, so the kernel may be closed right after: every request the kernel applied
   * has been answered, and none reaches it afterwards. Idempotent.
   */
  close(): Promise<void>;
}

/**
 * Starts serving `kernel` over HTTP: JSON-RPC 2.0 at `POST /rpc`, Server-Sent Events at
 * `GET /events`, the explorer at `GET /`. Every request must carry a bearer token from `dir`.
 * Resolves once listening; close it with {@link EcologyServer.close} (the kernel stays open).
 *
 * @throws ServerError `port_in_use` when the port is taken, `listen_failed` for other errors.
 * @example
 * ```ts
 * const kernel = await createKernel({ storage: ".ecology/kernel.db" });
 * const server = await createServer({ kernel, dir: ".ecology", port: 7420 });
 * console.log(`listening on ${server.url}`);
 * ```
 */
export async function createServer(options: ServerOptions): Promise<EcologyServer> {
  const host = options.host ?? "127.0.0.1";
  const port = options.port ?? DEFAULT_PORT;
  const credentials = options.credentials ?? createCredentialStore(options.dir);
  credentials.operatorToken();
  credentials.viewerToken();
  const dispatcher = createDispatcher({
    kernel: options.kernel,
    credentials,
    readOnly: options.readOnly ?? false,
    ...(options.groupCommit === undefined ? {} : { groupCommit: options.groupCommit }),
  });
  const streams = createStreamSlots({
    ...(options.maxStreams === undefined ? {} : { max: options.maxStreams }),
    ...(options.maxStreamsPerToken === undefined
      ? {}
      : { maxPerToken: options.maxStreamsPerToken }),
  });
  const shutdown = new AbortController();
  const app = createApp({
    dispatcher,
    streams,
    shutdown: shutdown.signal,
    allowedHosts: [...(options.allowedHosts ?? []), ...boundName(host)],
    ...(options.mcp === undefined ? {} : { mcp: options.mcp(dispatcher) }),
    ...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
  });
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  const requests = trackRequests(server);
  // Long-lived clients (editor, agents) reuse kept-alive sockets; Node's 5 s default lets the
  // server close one just as a client reuses it (a POST is not retried). Keep them a minute.
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  // Commits by other servers sharing the economy wake this server's event streams at once; the
  // log stays the truth, so a missed wake-up only waits for the next poll.
  const stopWaking = options.kernel.onCommit?.(() => dispatcher.hub.notify());
  try {
    await listen(server, port, host);
  } catch (error) {
    stopWaking?.();
    throw error;
  }
  const bound = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${bound}`,
    port: bound,
    dispatcher,
    credentials,
    streams,
    requests,
    close() {
      stopWaking?.();
      closing ??= closeServer(server, shutdown, streams, requests);
      return closing;
    },
  };
}

/**
 * Stops `server`, lets the requests it received be answered, and waits for its event streams:
 * a stream's loop outlives its connection by a step (a token check, a log read), and the owner
 * closes the kernel as soon as this resolves.
 */
async function closeServer(
  server: Server,
  shutdown: AbortController,
  streams: StreamSlots,
  requests: RequestsInFlight,
): Promise<void> {
  shutdown.abort();
  // No new connection from here on; idle kept-alive ones close now.
  const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
  // A request already received may be queued for the next group commit: dropping its
  // connection now would leave its client unable to tell whether it was applied.
  await requests.settled(ANSWER_WAIT_MS);
  // Dropping the connections also releases a stream blocked writing to a client that reads
  // nothing; each stream then releases its slot after its last step.
  server.closeAllConnections();
  while (streams.open > 0) await streams.changed();
  await stopped;
}

/** The bound address as a host name clients may use; none for the wildcard addresses. */
function boundName(host: string): string[] {
  return host === "0.0.0.0" || host === "::" || host === "" ? [] : [host];
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off("listening", onListening);
      if (error.code === "EADDRINUSE") {
        reject(
          new ServerError(
            "port_in_use",
            `port ${port} on ${host} is already in use: stop the other server or pass --port <n>`,
            { cause: error },
          ),
        );
      } else {
        reject(
          new ServerError("listen_failed", `cannot listen on ${host}:${port}: ${error.message}`, {
            cause: error,
          }),
        );
      }
    };
    const onListening = () => {
      server.off("error", onError);
      resolve();
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, host);
  });
}
