import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { CliCommand } from "../kernel/cli-command.js";

const require = createRequire(import.meta.url);

/** The workspace's `ecology` command run from source through tsx (no build needed). */
export function devCli(): CliCommand {
  // The package exports only its source entry, so find its folder through node_modules.
  const cli = fileURLToPath(new URL("../../node_modules/@ecology/cli", import.meta.url));
  const tsx = pathToFileURL(require.resolve("tsx")).href;
  return { command: process.execPath, args: ["--import", tsx, join(cli, "src", "bin.ts")] };
}
