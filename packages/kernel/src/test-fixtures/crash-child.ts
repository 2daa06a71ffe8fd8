// Runs transactions against a file database forever, acknowledging each committed one on
// stdout (synchronously, after commit returns). The crash test kills it with SIGKILL.
import { writeSync } from "node:fs";
import { createKernel } from "../create-kernel.js";
import { COUNTER } from "./contracts.js";

const path = process.argv[2];
if (!path) throw new Error("usage: crash-child <db path>");
// No failure cap: every acknowledged failure must have left its record.
const k = await createKernel({ storage: path, limits: { maxFailuresPerWindow: 1e9 } });
if (k.balance("a") === 0) {
  k.createPrincipal("a", { scrip: 1_000_000 });
  k.createPrincipal("b", { scrip: 1_000_000 });
  k.deploy("a", { id: "counter", code: COUNTER, args: [0], policy: { invokePrice: 1 } });
}
writeSync(1, "READY\n");
for (let i = 1; ; i++) {
  if (k.write("a", `rec-${i}`, { i }).success) writeSync(1, `W ${i}\n`);
  if (k.invoke("a", "genesis_ledger", "transfer", ["b", 1]).success) writeSync(1, `T ${i}\n`);
  const c = k.invoke("b", "counter", "inc", [1]);
  if (c.success) writeSync(1, `C ${String(c.result)}\n`);
  // A failed call commits its invoke.failed record with the attempt, before it returns.
  if (!k.invoke("b", "counter", "fail", ["invalid_state", `no ${i}`]).success)
    writeSync(1, `F ${i}\n`);
}
