import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import type { EcologyClient } from "@ecology/protocol";
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { createMcpServer, identify } from "./mcp-server.js";

/** Sessions one HTTP handler keeps open at most; the least recently used is closed beyond it. */
export const DEFAULT_MAX_SESSIONS = 64;

/** Options of {@link createMcpHttpHandler}. */
export interface McpHttpOptions {
  /** A client whose calls carry `token` (the server has already authenticated it). */
  clientFor(token: string): EcologyClient;
  /** Open sessions kept at most (default {@link DEFAULT_MAX_SESSIONS}). */
  maxSessions?: number;
}

/** MCP over Streamable HTTP, for one route of a web server. */
export interface McpHttpHandler {
  /**
   * Answers one request to the MCP route made with bearer `token`. A session is created by an
   * `initialize` request and bound to its token: a request naming the session with any other
   * token is refused (403), so a session acts as exactly one identity.
   */
  handle(request: Request, token: string): Promise<Response>;
  /** Open sessions now. */
  readonly sessions: number;
  /** Closes every session. */
  close(): Promise<void>;
}

interface Session {
  transport: WebStandardStreamableHTTPServerTransport;
  server: Server;
  tokenHash: Buffer;
}

/**
 * The `/mcp` route of `ecology dev` (DESIGN.md §11): Streamable HTTP on the official SDK's
 * web-standard transport (Request in, Response out), one MCP server per session, at most
 * `maxSessions` of them (least recently used closed first). Authentication is the caller's job:
 * pass only tokens the Ecology server accepted.
 *
 * @example
 * ```ts
 * const mcp = createMcpHttpHandler({ clientFor: (token) => createClient({ transport, token }) });
 * app.all("/mcp", (c) => mcp.handle(c.req.raw, token));
 * ```
 */
export function createMcpHttpHandler(options: McpHttpOptions): McpHttpHandler {
  const max = options.maxSessions ?? DEFAULT_MAX_SESSIONS;
  const sessions = new Map<string, Session>();

  async function open(request: Request, token: string): Promise<Response> {
    const client = options.clientFor(token);
    const server = createMcpServer({ client, identity: await identify(client) });
    const session: Session = { server, tokenHash: hash(token), transport: undefined as never };
    session.transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      onsessioninitialized: (id) => {
        sessions.set(id, session);
        evictBeyond(max);
      },
      onsessionclosed: (id) => {
        sessions.delete(id);
      },
    });
    await server.connect(session.transport);
    const response = await session.transport.handleRequest(request);
    if (session.transport.sessionId === undefined) await server.close();
    return response;
  }

  function evictBeyond(limit: number): void {
    for (const [id, old] of sessions) {
      if (sessions.size <= limit) break;
      sessions.delete(id);
      void old.server.close();
    }
  }

  return {
    async handle(request, token) {
      const id = request.headers.get("mcp-session-id");
      if (id === null) return open(request, token);
      const session = sessions.get(id);
      if (!session)
        return refuse(404, -32001, "no such MCP session (closed or expired): initialize again");
      if (!timingSafeEqual(session.tokenHash, hash(token)))
        return refuse(403, -32003, "this MCP session belongs to another token");
      // Most recently used last, so eviction takes the idlest.
      sessions.delete(id);
      sessions.set(id, session);
      return session.transport.handleRequest(request);
    },
    get sessions() {
      return sessions.size;
    },
    async close() {
      const open = [...sessions.values()];
      sessions.clear();
      await Promise.all(open.map((s) => s.server.close()));
    },
  };
}

function hash(token: string): Buffer {
  return createHash("sha256").update(token).digest();
}

function refuse(status: number, code: number, message: string): Response {
  return Response.json({ jsonrpc: "2.0", error: { code, message }, id: null }, { status });
}
