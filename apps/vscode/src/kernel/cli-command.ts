import { existsSync } from "node:fs";
import { join } from "node:path";

/** How to run the `ecology` command: an executable and the arguments that come first. */
export interface CliCommand {
  command: string;
  args: string[];
}

/**
 * Resolves the `ecology` command for a workspace: the configured path (a `.js`/`.mjs` file runs
 * with `node`), else the workspace's `node_modules/.bin/ecology`, else `ecology` on the PATH.
 *
 * @example
 * ```ts
 * const cli = resolveCli("", "/ws", process.execPath);
 * spawn(cli.command, [...cli.args, "dev", "--json"], { cwd: "/ws" });
 * ```
 */
export function resolveCli(configured: string, workspace: string, node: string): CliCommand {
  const path = configured.trim();
  if (path !== "") {
    return /\.(c|m)?js$/.test(path) ? { command: node, args: [path] } : { command: path, args: [] };
  }
  const local = join(workspace, "node_modules", ".bin", "ecology");
  return { command: existsSync(local) ? local : "ecology", args: [] };
}
