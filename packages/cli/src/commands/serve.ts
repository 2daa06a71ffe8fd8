import { createMcpHttpHandler } from "@ecology/mcp";
import { createClient } from "@ecology/protocol";
import { createServer, type Dispatcher, type McpRoute, ServerError } from "@ecology/server";
import { CliError } from "../cli-error.js";
import type { CommandContext } from "../context.js";
import { credentialsFor, openKernel } from "../open-kernel.js";
import { redactUrl, type StorageChoice } from "../storage.js";
import { dispatcherTransport } from "../transport.js";

/** What `dev` and `explore` serve. */
export interface ServeOptions {
  /** The `.ecology/` folder: its tokens (and its kernel file, for SQLite). */
  dir: string;
  /** Where the economy lives. */
  storage: StorageChoice;
  port: number;
  allowHost: string[];
  /** Refuse every method that changes the economy (`explore`). */
  readOnly: boolean;
  /** The command's name, for the first line it prints. */
  name: "dev" | "explore";
}

/** `/mcp`: MCP sessions call the kernel through the same dispatcher as /rpc, in-process. */
function mcpRoute(dispatcher: Dispatcher): McpRoute {
  const transport = dispatcherTransport(dispatcher);
  const mcp = createMcpHttpHandler({ clientFor: (token) => createClient({ transport, token }) });
  return (request, token) => mcp.handle(request, token);
}

/**
 * Serves the economy of `options.storage` (tokens from `options.dir`) until `signal` aborts, printing where: the explorer's
 * ready URL carries the viewer token in its fragment (`#token=`), which browsers never send to
 * the server, so it stays out of logs.
 *
 * @throws CliError `conflict` when the port is taken.
 */
export async function serveKernel(
  ctx: CommandContext,
  options: ServeOptions,
  signal: AbortSignal,
): Promise<void> {
  const database = redactUrl(options.storage.spec);
  const kernel = await openKernel(options.storage);
  let server: Awaited<ReturnType<typeof createServer>>;
  try {
    server = await createServer({
      kernel,
      dir: options.dir,
      credentials: credentialsFor(options.storage, options.dir, kernel),
      port: options.port,
      allowedHosts: options.allowHost,
      readOnly: options.readOnly,
      // A read-only server (explore) serves no MCP: its agents could not act anyway.
      ...(options.readOnly ? {} : { mcp: mcpRoute }),
    });
  } catch (error) {
    await kernel.close();
    if (error instanceof ServerError)
      throw new CliError("conflict", error.message, "pass --port <n> or stop the other server");
    throw error;
  }
  const info = {
    url: server.url,
    database,
    rpc: `${server.url}/rpc`,
    events: `${server.url}/events`,
    explorer: `${server.url}/#token=${server.credentials.viewerToken()}`,
    ...(options.readOnly ? {} : { mcp: `${server.url}/mcp` }),
    readOnly: options.readOnly,
  };
  ctx.io.out(
    ctx.json
      ? `${JSON.stringify(info)}\n`
      : `ecology ${options.name}: serving ${database} at ${server.url}${options.readOnly ? " (read-only)" : ""}\n` +
          `  explorer: ${info.explorer}\n` +
          `  JSON-RPC ${info.rpc} · events ${info.events}${info.mcp ? ` · MCP ${info.mcp}` : ""}\n` +
          `  tokens: ${options.dir}/operator.token, viewer.token and tokens/<id>.token · Ctrl-C stops\n`,
  );
  await new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    signal.addEventListener("abort", () => resolve());
  });
  await server.close();
  // Wait for in-flight transactions before closing the database.
  await server.dispatcher.queue.run(() => kernel.close());
}
