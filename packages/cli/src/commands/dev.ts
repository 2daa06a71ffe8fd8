import { createKernel } from "@ecology/kernel";
import { createMcpHttpHandler } from "@ecology/mcp";
import { createClient } from "@ecology/protocol";
import { createServer, DEFAULT_PORT, ServerError } from "@ecology/server";
import type { Command } from "commander";
import { CliError } from "../cli-error.js";
import { parseAmount } from "../parse-args.js";
import type { Handle } from "../program.js";
import { databasePath, dispatcherTransport } from "../transport.js";
import { initDir } from "./admin.js";

/** `dev`: serve `.ecology/kernel.db` on 127.0.0.1 until interrupted. */
export function registerDevCommand(program: Command, handle: Handle, signal: AbortSignal): void {
  program
    .command("dev")
    .description(
      "serve the same kernel on 127.0.0.1: JSON-RPC at /rpc, events at /events, MCP at /mcp, explorer at /",
    )
    .option("--port <n>", "port to listen on (0 picks a free one)", parseAmount, DEFAULT_PORT)
    .option(
      "--allow-host <name>",
      "also answer requests whose Host/Origin is this name (repeatable); others get 421/403",
      (name: string, names: string[]) => [...names, name],
      [] as string[],
    )
    .addHelpText("after", "\nExample:\n  $ ecology dev --port 7420 --allow-host mybox.lan")
    .action(
      handle(async (ctx, opts: { port: number; allowHost: string[] }) => {
        if (ctx.options.kernel) {
          throw new CliError(
            "invalid_argument",
            "dev serves the local kernel; drop --kernel",
            "run `ecology dev` alone",
          );
        }
        await initDir(ctx);
        const kernel = await createKernel({ storage: databasePath(ctx.dir) });
        let server: Awaited<ReturnType<typeof createServer>>;
        try {
          server = await createServer({
            kernel,
            dir: ctx.dir,
            port: opts.port,
            allowedHosts: opts.allowHost,
            // MCP sessions call the kernel through the same dispatcher as /rpc, in-process.
            mcp: (dispatcher) => {
              const transport = dispatcherTransport(dispatcher);
              const mcp = createMcpHttpHandler({
                clientFor: (token) => createClient({ transport, token }),
              });
              return (request, token) => mcp.handle(request, token);
            },
          });
        } catch (error) {
          await kernel.close();
          if (error instanceof ServerError)
            throw new CliError(
              "conflict",
              error.message,
              "pass --port <n> or stop the other server",
            );
          throw error;
        }
        const info = {
          url: server.url,
          database: databasePath(ctx.dir),
          rpc: `${server.url}/rpc`,
          events: `${server.url}/events`,
          mcp: `${server.url}/mcp`,
        };
        ctx.io.out(
          ctx.json
            ? `${JSON.stringify(info)}\n`
            : `ecology dev: serving ${info.database} at ${server.url}\n` +
                `  JSON-RPC ${info.rpc} · events ${info.events} · MCP ${info.mcp} · explorer ${server.url}/\n` +
                `  tokens: ${ctx.dir}/operator.token and ${ctx.dir}/tokens/<id>.token · Ctrl-C stops\n`,
        );
        await new Promise<void>((resolve) => {
          if (signal.aborted) resolve();
          signal.addEventListener("abort", () => resolve());
        });
        await server.close();
        // Wait for in-flight transactions before closing the database.
        await server.dispatcher.queue.run(() => kernel.close());
      }),
    );
}
