#!/usr/bin/env node
import { runCli } from "./program.js";

const controller = new AbortController();
for (const name of ["SIGINT", "SIGTERM"] as const) {
  // The first signal asks `dev` and `events --follow` to finish cleanly; a second one exits now
  // (a short command ignores the first, so Ctrl-C twice always gets out).
  process.on(name, () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  });
}
const code = await runCli(process.argv.slice(2), { signal: controller.signal });
// Exit at once: idle keep-alive sockets must not hold the process open (stdout to a pipe is
// synchronous on POSIX, so nothing printed is lost).
process.exit(code);
