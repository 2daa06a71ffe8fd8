import type { IncomingMessage, Server, ServerResponse } from "node:http";

/**
 * The requests a server is still answering that act on the kernel once and end: every POST
 * (`/rpc`, `/mcp`). Event streams (`GET /events`) are not counted: they end with the server's
 * shutdown signal instead.
 */
export interface RequestsInFlight {
  /** Requests received and not yet answered (or dropped). */
  readonly count: number;
  /** Resolves once none is left, or after `timeoutMs` at the latest. */
  settled(timeoutMs: number): Promise<void>;
}

/** Counts `server`'s POST requests from their arrival until their response has been sent. */
export function trackRequests(server: Server): RequestsInFlight {
  let count = 0;
  const waiting = new Set<() => void>();
  server.on("request", (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== "POST") return;
    count++;
    // "close" follows the last byte handed to the socket, or the connection's end.
    response.once("close", () => {
      count--;
      if (count === 0) for (const done of waiting) done();
    });
  });
  return {
    get count() {
      return count;
    },
    settled(timeoutMs) {
      if (count === 0) return Promise.resolve();
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          waiting.delete(done);
          resolve();
        };
        const timer = setTimeout(done, timeoutMs);
        waiting.add(done);
      });
    },
  };
}
