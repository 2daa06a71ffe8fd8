import { DEFAULT_PORT } from "@ecology/server";
import type { Command } from "commander";
import { CliError } from "../cli-error.js";
import { parseAmount } from "../parse-args.js";
import type { Handle } from "../program.js";
import { databasePath, isInitialised, resolveStorage } from "../storage.js";
import { initDir } from "./admin.js";
import { serveKernel } from "./serve.js";

const collectHost = (name: string, names: string[]) => [...names, name];

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
      collectHost,
      [] as string[],
    )
    .option(
      "--storage <url|path>",
      "serve the economy in this PostgreSQL database (postgres://user:pw@host:5432/db?schema=name; several servers may share it) or SQLite file (default: $ECOLOGY_DATABASE_URL, else what `ecology init --storage` recorded, else .ecology/kernel.db)",
    )
    .addHelpText(
      "after",
      "\nExamples:\n  $ ecology dev --port 7420 --allow-host mybox.lan\n  $ ecology dev --port 7421 --storage 'postgres://eco:pw@db.lan:5432/eco?schema=shop'",
    )
    .action(
      handle(async (ctx, opts: { port: number; allowHost: string[]; storage?: string }) => {
        if (ctx.options.kernel) {
          throw new CliError(
            "invalid_argument",
            "dev serves the local kernel; drop --kernel",
            "run `ecology dev` alone",
          );
        }
        const storage = resolveStorage(ctx.dir, opts.storage, { cwd: ctx.cwd });
        await initDir(ctx, storage, { record: false });
        const { port, allowHost } = opts;
        const serve = { dir: ctx.dir, port, allowHost, storage, readOnly: false };
        await serveKernel(ctx, { ...serve, name: "dev" }, signal);
      }),
    );
  registerExploreCommand(program, handle, signal);
}

/** `explore`: serve a kernel file read-only, for its explorer. */
function registerExploreCommand(program: Command, handle: Handle, signal: AbortSignal): void {
  program
    .command("explore")
    .description("serve a kernel file read-only on 127.0.0.1 and print the explorer's URL")
    .option("--port <n>", "port to listen on (0 picks a free one)", parseAmount, DEFAULT_PORT)
    .option("--data-dir <path>", "the .ecology folder whose kernel.db to explore (default --dir)")
    .option("--allow-host <name>", "also answer this Host/Origin (repeatable)", collectHost, [])
    .addHelpText("after", "\nExample:\n  $ ecology explore --data-dir ../shop/.ecology --port 7421")
    .action(
      handle(async (ctx, opts: { port: number; dataDir?: string; allowHost: string[] }) => {
        const dir = opts.dataDir ?? ctx.dir;
        if (!isInitialised(dir))
          throw new CliError(
            "not_found",
            `no kernel file ${databasePath(dir)}`,
            "pass --data-dir <the .ecology folder> or run `ecology init` first",
          );
        const storage = resolveStorage(dir, undefined);
        const serve = { dir, port: opts.port, allowHost: opts.allowHost, storage, readOnly: true };
        await serveKernel(ctx, { ...serve, name: "explore" }, signal);
      }),
    );
}
