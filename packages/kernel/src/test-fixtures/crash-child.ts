// Runs transactions against a file database forever, acknowledging each committed one on
// stdout (synchronously, after its commit returns: its own, or its group commit's). The crash
// test kills it with SIGKILL.
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

/** One round of four operations; answers the acknowledgement lines of those that succeeded. */
function round(i: number): string[] {
  const acks: string[] = [];
  if (k.write("a", `rec-${i}`, { i }).success) acks.push(`W ${i}`);
  if (k.invoke("a", "genesis_ledger", "transfer", ["b", 1]).success) acks.push(`T ${i}`);
  const c = k.invoke("b", "counter", "inc", [1]);
  if (c.success) acks.push(`C ${String(c.result)}`);
  // A failed call commits its invoke.failed record with the attempt, before it returns.
  if (!k.invoke("b", "counter", "fail", ["invalid_state", `no ${i}`]).success) acks.push(`F ${i}`);
  return acks;
}

for (let i = 1; ; i += 4) {
  // One round alone (each operation its own commit), then three in one group commit
  // (ADR 0042), acknowledged only once kernel.batch has returned.
  for (const line of round(i)) writeSync(1, `${line}\n`);
  const grouped = k.batch(() => [i + 1, i + 2, i + 3].flatMap(round));
  for (const line of grouped) writeSync(1, `${line}\n`);
}
