import type { EcologyClient } from "@ecology/protocol";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { createMcpServer, identify } from "./mcp-server.js";

/**
 * Serves MCP over this process's stdin/stdout as the one identity of `client`'s token, until
 * stdin ends or `signal` aborts (`ecology mcp`). Nothing else may write to stdout meanwhile.
 *
 * @throws Error when the token is refused (checked with `whoami` before serving).
 * @example
 * ```ts
 * await serveStdio(createClient({ url, token }), abort.signal);
 * ```
 */
export async function serveStdio(client: EcologyClient, signal?: AbortSignal): Promise<void> {
  const server = createMcpServer({ client, identity: await identify(client) });
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    server.onclose = () => resolve();
    process.stdin.once("end", () => resolve());
    signal?.addEventListener("abort", () => resolve(), { once: true });
  });
  await server.connect(transport);
  await closed;
  await server.close();
}
