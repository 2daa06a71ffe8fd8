// Child process of the server crash test: serves a file kernel (group commit on) on a free
// loopback port, seeds principals c0..c7 and a counter on first start, prints
// `READY { url, tokens }`, then every 50 ms `STATS <batches> <operations>`. Runs until killed.
import { join } from "node:path";
import { createKernel } from "@ecology/kernel";
import { createServer } from "../server.js";
import { COUNTER } from "./harness.js";

const db = process.argv[2];
if (!db) throw new Error("usage: crash-server <db path>");
const clients = 8;
const kernel = await createKernel({ storage: db });
const server = await createServer({ kernel, dir: join(db, "..", ".ecology"), port: 0 });
if (kernel.balance("c0") === 0) {
  for (let i = 0; i < clients; i++) kernel.createPrincipal(`c${i}`, { scrip: 1_000_000 });
  kernel.deploy("c0", { id: "counter", code: COUNTER, policy: { invokePrice: 1 } });
}
const tokens = Array.from({ length: clients }, (_, i) => server.credentials.issue(`c${i}`));
process.stdout.write(`READY ${JSON.stringify({ url: server.url, tokens })}\n`);
setInterval(() => {
  const { batches, operations } = server.dispatcher.queue.stats;
  process.stdout.write(`STATS ${batches} ${operations}\n`);
}, 50);
