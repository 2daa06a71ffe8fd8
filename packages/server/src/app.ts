import { httpStatusOf, RPC_ERRORS, type RpcFailure, rpcFailure } from "@ecology/protocol";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { type Dispatcher, TOKEN_HINT } from "./dispatcher.js";
import { createEventTail } from "./event-tail.js";
import { parseStreamFilter, STREAM_POLL_MS, streamEvents } from "./events-stream.js";
import { EXPLORER_HEADERS, type ExplorerAssets, loadExplorerAssets } from "./explorer-page.js";
import { hostCheck } from "./host-check.js";
import { parseRpcRequest, rpcResponse } from "./jsonrpc.js";
import { createStreamSlots, type StreamSlots } from "./stream-slots.js";

/** Default cap on a request body: room for a compiled contract with its source map. */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Options of {@link createApp}. */
export interface AppOptions {
  dispatcher: Dispatcher;
  maxBodyBytes?: number;
  /**
   * Host names accepted in `Host` and `Origin` besides the loopback names (`127.0.0.1`,
   * `localhost`, `::1`), without port: e.g. a LAN name the server is reached under.
   */
  allowedHosts?: readonly string[];
  /** The caps on concurrent event streams (one is created with the defaults when omitted). */
  streams?: StreamSlots;
  /** The explorer served at `/` (default: the built `apps/explorer`, see loadExplorerAssets). */
  explorer?: ExplorerAssets;
  /** Serves `/mcp` (any method) when given; see {@link McpRoute}. */
  mcp?: McpRoute;
  /**
   * Ends every event stream, open or opening, when aborted (the server's close); each releases
   * its slot in `streams` once it no longer uses the kernel.
   */
  shutdown?: AbortSignal;
}

/**
 * What answers `/mcp` (the Model Context Protocol over Streamable HTTP, DESIGN.md §11). The
 * server authenticates first: the route is called only with a bearer token the dispatcher
 * accepts (others get 401), after the host check and the body limit. `@ecology/mcp` provides
 * one (`createMcpHttpHandler`); the server does not import it.
 */
export type McpRoute = (request: Request, token: string) => Promise<Response>;

/** Events a slow stream may have waiting before it re-reads the log instead (bounded memory). */
const MAX_PENDING_EVENTS = 1_000;

/**
 * Answers a refusal outside JSON-RPC (the event stream, unknown routes) as `{ error: RpcError }`:
 * the same error object `/rpc` answers, so every client reads one shape (`data.code`, `data.hint`).
 */
function refuseJson(c: Context, failure: RpcFailure, status: ContentfulStatusCode) {
  return c.json({ error: failure.error }, status);
}

function bearer(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/**
 * The HTTP routes (a Hono app): `POST /rpc`, `GET /events`, `GET /` (the explorer, and its
 * files under `/assets/`). Refusals
 * off `/rpc` are `{ error: RpcError }` with their status: 400 bad filter, 401 token, 429 too
 * many streams, 404 unknown route. Listening is the job of
 * {@link createServer}; the app alone is useful in tests through `app.request(...)`.
 *
 * @example
 * ```ts
 * const app = createApp({ dispatcher });
 * const res = await app.request("/rpc", { method: "POST", body: "{}" });
 * ```
 */
export function createApp(options: AppOptions): Hono {
  const { dispatcher } = options;
  const maxSize = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const app = new Hono();

  app.use("*", hostCheck(options.allowedHosts));
  routeExplorer(app, options.explorer ?? loadExplorerAssets());

  const tooLarge = (c: Context) => {
    const outcome = rpcFailure(
      RPC_ERRORS.tooLarge,
      "invalid_argument",
      `request body exceeds ${maxSize} bytes`,
      "send a smaller request (the limit is the server's maxBodyBytes)",
    );
    return c.json(rpcResponse(null, outcome), 413);
  };
  const limitStream = bodyLimit({ maxSize, onError: tooLarge });

  app.post(
    "/rpc",
    (c, next) => {
      // With a length header the size is known up front; checking it here (as bodyLimit would)
      // keeps @hono/node-server's fast body read. Streamed bodies go through bodyLimit, which
      // counts bytes as they arrive.
      const length = c.req.header("content-length");
      if (length === undefined || c.req.header("transfer-encoding") !== undefined) {
        return limitStream(c, next);
      }
      return Number(length) > maxSize ? Promise.resolve(tooLarge(c)) : next();
    },
    async (c) => {
      const token = bearer(c.req.header("authorization"));
      const framed = parseRpcRequest(await c.req.text());
      if (!framed.ok) {
        return c.json(
          rpcResponse(framed.id, framed.outcome),
          httpStatusOf(framed.outcome.error.code),
        );
      }
      const { method, params, id } = framed.request;
      const outcome = await dispatcher.call(token, method, params);
      // A notification gets no answer body, but a refused one still gets its status.
      const status = outcome.ok ? 200 : httpStatusOf(outcome.error.code);
      if (id === undefined) return c.body(null, status === 200 ? 204 : status);
      return c.json(rpcResponse(id, outcome), status);
    },
  );

  const mcp = options.mcp;
  if (mcp) {
    app.all(
      "/mcp",
      (c, next) => (c.req.method === "POST" ? limitStream(c, next) : next()),
      async (c) => {
        const token = bearer(c.req.header("authorization"));
        // Grant tokens are checked against the kernel (revoked, expired), so this is awaited.
        if (!token || !(await dispatcher.authenticate(token))) {
          const failure = rpcFailure(
            RPC_ERRORS.unauthorized,
            "not_authorized",
            "missing or unknown token",
            TOKEN_HINT,
          );
          c.header("www-authenticate", 'Bearer realm="ecology"');
          return refuseJson(c, failure, 401);
        }
        return mcp(c.req.raw, token);
      },
    );
  }

  const streams = options.streams ?? createStreamSlots();
  const tail = createEventTail({
    dispatcher,
    pollMs: STREAM_POLL_MS,
    maxPending: MAX_PENDING_EVENTS,
  });
  app.get("/events", async (c) => {
    const token = bearer(c.req.header("authorization"));
    const identity = await dispatcher.authenticate(token);
    if (!identity) {
      const message = "missing or unknown token";
      return refuseJson(
        c,
        rpcFailure(RPC_ERRORS.unauthorized, "not_authorized", message, TOKEN_HINT),
        401,
      );
    }
    const parsed = parseStreamFilter((name) => c.req.query(name), c.req.header("last-event-id"));
    if (!parsed.ok) {
      const message = `invalid event filter: ${parsed.message}`;
      const hint = "filters are types=a.b,c.d, principal=<id>, artifact=<id>, after=<seq>";
      return refuseJson(
        c,
        rpcFailure(RPC_ERRORS.invalidParams, "invalid_argument", message, hint),
        400,
      );
    }
    const slot = streams.acquire(identity.kind === "principal" ? identity.id : identity.kind);
    if (!("release" in slot)) {
      const whose = slot.limit === "maxStreams" ? "on this server" : "for this token";
      const message = `too many event streams ${whose} (limit ${slot.value})`;
      const hint = `close another stream first (the limit is the server's ${slot.limit})`;
      return refuseJson(c, rpcFailure(RPC_ERRORS.tooMany, "invalid_state", message, hint), 429);
    }
    const stillAuthorised = async () => (await dispatcher.authenticate(token)) !== undefined;
    const deps = { dispatcher, tail, stillAuthorised, shutdown: options.shutdown };
    return streamEvents(c, deps, parsed.filter, slot.release);
  });

  app.notFound((c) => {
    const message = `no route ${c.req.method} ${c.req.path.slice(0, 100)}`;
    const hint = `try POST /rpc, GET /events${mcp ? ", /mcp" : ""} or GET / (the explorer)`;
    return refuseJson(c, rpcFailure(RPC_ERRORS.methodNotFound, "not_found", message, hint), 404);
  });
  // A bug below the dispatcher (which never throws) still gets a coded answer with one line of
  // message and no stack, in the shape the route's clients read.
  app.onError((error, c) => {
    const failure = rpcFailure(RPC_ERRORS.internal, "internal", `internal error: ${error.message}`);
    if (c.req.path === "/rpc") return c.json(rpcResponse(null, failure), 500);
    return refuseJson(c, failure, 500);
  });
  return app;
}

/**
 * `GET /` and `GET /assets/<name>`: the explorer's static files, with its security headers. The
 * page holds no data: everything it shows comes through `/rpc` and `/events` with a token.
 */
function routeExplorer(app: Hono, explorer: ExplorerAssets): void {
  app.get("/", (c) => {
    if (!explorer.ok)
      return c.text(`Ecology explorer: ${explorer.reason}\n`, 503, EXPLORER_HEADERS);
    return c.body(explorer.page.body, 200, {
      ...EXPLORER_HEADERS,
      "content-type": explorer.page.type,
    });
  });
  app.get("/assets/:name", (c, next) => {
    const asset = explorer.ok ? explorer.assets.get(c.req.param("name")) : undefined;
    if (!asset) return next();
    return c.body(asset.body, 200, { ...EXPLORER_HEADERS, "content-type": asset.type });
  });
}
