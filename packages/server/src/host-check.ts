import { RPC_ERRORS, rpcFailure } from "@ecology/protocol";
import type { Context, MiddlewareHandler } from "hono";
import { rpcResponse } from "./jsonrpc.js";

/** The names every server accepts in `Host` and `Origin`: the loopback ones. */
export const LOOPBACK_HOSTS: readonly string[] = ["127.0.0.1", "localhost", "::1"];

const ALLOW_HINT =
  "open the server as http://127.0.0.1:<port>/ (or localhost); to serve under another name, " +
  "start it with `ecology dev --allow-host <name>` (server option allowedHosts)";

/** A host name as compared: lower case, IPv6 without its brackets. */
function normalize(name: string): string {
  const lower = name.trim().toLowerCase();
  return lower.startsWith("[") && lower.endsWith("]") ? lower.slice(1, -1) : lower;
}

/**
 * Whether `origin` (an `Origin` header) names an allowed host. No header is fine: only browsers
 * send one, and a page the server did not serve must not drive it (DNS rebinding, ADR 0022).
 * An opaque origin (`null`, `file://`) or a scheme other than http(s) is refused.
 */
function originAllowed(origin: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  return allowed.has(normalize(url.hostname));
}

/** Answers a refused request: a JSON-RPC response on `/rpc`, `{ error: RpcError }` elsewhere. */
function refuse(c: Context, status: 403 | 421, message: string): Response {
  const outcome = rpcFailure(RPC_ERRORS.forbidden, "not_authorized", message, ALLOW_HINT);
  if (c.req.path === "/rpc") return c.json(rpcResponse(null, outcome), status);
  return c.json({ error: outcome.error }, status);
}

/**
 * Middleware refusing requests whose `Host` is not a loopback name or one of `extraHosts`
 * (421), or whose `Origin` is present and not on such a host (403). This closes DNS
 * rebinding: a page on `evil.example` that re-points its name at 127.0.0.1 still sends
 * `Host: evil.example`. Names are compared without port and case-insensitively.
 *
 * @example
 * ```ts
 * app.use("*", hostCheck(["ecology.lan"]));
 * ```
 */
export function hostCheck(extraHosts: readonly string[] = []): MiddlewareHandler {
  const allowed = new Set([...LOOPBACK_HOSTS, ...extraHosts].map(normalize));
  return async (c, next) => {
    // The URL's host comes from the Host header (@hono/node-server refuses a request without
    // one, or with one that does not parse as a host).
    const host = normalize(new URL(c.req.url).hostname);
    if (!allowed.has(host)) {
      return refuse(c, 421, `this server does not answer for host "${host.slice(0, 100)}"`);
    }
    const origin = c.req.header("origin");
    if (!originAllowed(origin, allowed)) {
      return refuse(c, 403, `requests from origin "${origin?.slice(0, 100)}" are refused`);
    }
    await next();
  };
}
