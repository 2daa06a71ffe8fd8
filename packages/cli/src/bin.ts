#!/usr/bin/env node
import { runCli } from "./program.js";

const controller = new AbortController();
for (const name of ["SIGINT", "SIGTERM"] as const) {
  process.once(name, () => controller.abort());
}
const code = await runCli(process.argv.slice(2), { signal: controller.signal });
// Exit at once: idle keep-alive sockets must not hold the process open (stdout to a pipe is
// synchronous on POSIX, so nothing printed is lost).
process.exit(code);
