import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Dispatcher } from "./dispatcher.js";
import { parseStreamFilter, streamEvents } from "./events-stream.js";
import { EXPLORER_PAGE } from "./explorer-page.js";
import { hostCheck } from "./host-check.js";
import { parseRpcRequest, rpcResponse } from "./jsonrpc.js";
import { httpStatusOf, RPC_ERRORS, rpcFailure } from "./rpc-error.js";

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
}

function bearer(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/**
 * The HTTP routes (a Hono app): `POST /rpc`, `GET /events`, `GET /`. Listening is the job of
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
  app.get("/", (c) => c.html(EXPLORER_PAGE));

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

  app.get("/events", (c) => {
    const token = bearer(c.req.header("authorization"));
    if (!dispatcher.authenticate(token)) {
      return c.json(
        { error: { code: "not_authorized", message: "missing or unknown token" } },
        401,
      );
    }
    const parsed = parseStreamFilter((name) => c.req.query(name), c.req.header("last-event-id"));
    if (!parsed.ok)
      return c.json({ error: { code: "invalid_argument", message: parsed.message } }, 400);
    return streamEvents(c, dispatcher, parsed.filter);
  });

  app.notFound((c) =>
    c.json({ error: { code: "not_found", message: "try POST /rpc, GET /events or GET /" } }, 404),
  );
  app.onError((error, c) =>
    c.json({ error: { code: "internal", message: `internal error: ${error.message}` } }, 500),
  );
  return app;
}
