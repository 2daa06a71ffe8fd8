// A process that opens a PostgreSQL kernel, subscribes to commits, commits once and never
// closes the kernel: the test expects it to exit on its own (nothing of the adapter holds it).
import { createKernel } from "../create-kernel.js";

const [url] = process.argv.slice(2);
if (!url) throw new Error("usage: pg-open-exit <url>");
const k = await createKernel({ storage: url });
k.onCommit(() => {});
k.createPrincipal("alice", { scrip: 3 });
process.stdout.write(`balance ${k.balance("alice")}\n`);
