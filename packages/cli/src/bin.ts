#!/usr/bin/env node
import { runCli } from "./program.js";
import { exitAfterDrain, quietOnClosedPipe } from "./streams.js";

quietOnClosedPipe(process.stdout);
quietOnClosedPipe(process.stderr);
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
await exitAfterDrain(code, [process.stdout, process.stderr]);
