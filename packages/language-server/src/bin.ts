#!/usr/bin/env node
import { createRequire } from "node:module";
import { parseCommandLine, USAGE } from "./command-line.js";
import { startServer } from "./main.js";

// `createConnection` picks the transport from the command line (`--stdio`, `--node-ipc`,
// `--socket=<port>`), the way every LSP client starts a server; everything else is checked
// first so that `--help` or a typo answers instead of crashing.
const command = parseCommandLine(process.argv.slice(2));
if (command.kind === "serve") {
  startServer();
} else if (command.kind === "help") {
  process.stdout.write(USAGE);
} else if (command.kind === "version") {
  // `../package.json` is the same file from `src/` and from `dist/`.
  const { version } = createRequire(import.meta.url)("../package.json") as { version: string };
  process.stdout.write(`${version}\n`);
} else {
  process.stderr.write(`ecology-language-server: ${command.message}\n\n${USAGE}`);
  process.exitCode = 2;
}
