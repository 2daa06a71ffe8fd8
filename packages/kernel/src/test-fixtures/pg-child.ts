// One of the kernels of the two-process PostgreSQL test: opens the shared economy, runs random
// transfers and paying invokes, and prints each acknowledged transaction as `OK <kind> <tx>`
// (synchronously, after the call returned), then `DONE`.
import { writeSync } from "node:fs";
import { createKernel } from "../create-kernel.js";

const [url, seedText, countText] = process.argv.slice(2);
if (!url || !seedText || !countText) throw new Error("usage: pg-child <url> <seed> <count>");
const k = await createKernel({ storage: url, limits: { maxFailuresPerWindow: 1e9 } });
let seed = Number(seedText);
/** A small deterministic PRNG, so a failing run can be repeated. */
function next(n: number): number {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed % n;
}
const principals = ["p0", "p1", "p2", "p3"];
for (let i = 0; i < Number(countText); i++) {
  const i0 = next(4);
  const from = principals[i0] as string;
  // Never to oneself: a transfer to oneself succeeds without an event to find it by.
  const to = principals[(i0 + 1 + next(3)) % 4] as string;
  const env =
    next(2) === 0
      ? k.invoke(from, "genesis_ledger", "transfer", [to, 1 + next(20)])
      : k.invoke(from, "svc", "basic", []);
  const kind = env.success ? "OK" : "NO";
  const tx = env.success ? env.events[0]?.tx : env.error.code;
  writeSync(1, `${kind} ${tx}\n`);
}
k.close();
writeSync(1, "DONE\n");
