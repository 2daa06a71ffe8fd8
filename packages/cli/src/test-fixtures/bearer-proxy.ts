import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A listening proxy; see {@link startBearerProxy}. */
export interface BearerProxy {
  url: string;
  close(): Promise<void>;
}

/**
 * A loopback HTTP proxy that forwards every request to `target` with `authorization: Bearer
 * <token>` added, streaming both ways. It stands in for an MCP client configured with a token,
 * for tools (the MCP conformance runner) that cannot send one.
 */
export async function startBearerProxy(target: string, token: string): Promise<BearerProxy> {
  const upstream = new URL(target);
  const server: Server = createServer((incoming, outgoing) => {
    const forwarded = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: incoming.url,
        // Host and Origin pass unchanged, so the server's DNS-rebinding check sees what the client sent.
        headers: { ...incoming.headers, authorization: `Bearer ${token}` },
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on("error", () => outgoing.destroy());
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
