// Child process of the benchmark: serves a file kernel on a free loopback port and prints
// `{ url, tokens }` once seeded. Runs until killed. `--one-at-a-time` switches group commit off.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createKernel } from "@ecology/kernel";
import { createServer } from "../src/index.js";
import { seed } from "./contract.js";

const clients = Number(process.argv[2] ?? 8);
const dir = join(mkdtempSync(join(tmpdir(), "eco-bench-")), ".ecology");
const kernel = await createKernel({ storage: join(dir, "..", "kernel.db") });
// The stream benchmark opens hundreds of streams from 8 tokens: lift the caps for it.
const server = await createServer({
  kernel,
  dir,
  port: 0,
  maxStreams: 10_000,
  maxStreamsPerToken: 10_000,
  ...(process.argv.includes("--one-at-a-time") ? { groupCommit: false as const } : {}),
});
const operator = server.credentials.operatorToken();
await seed(async (who, method, params) => {
  const token = who === "operator" ? operator : server.credentials.tokenFor(who);
  const out = await server.dispatcher.call(token, method, params);
  if (!out.ok) throw new Error(out.error.message);
}, clients);
const tokens = Array.from({ length: clients }, (_, i) => server.credentials.tokenFor(`client${i}`));
process.stdout.write(`${JSON.stringify({ url: server.url, tokens })}\n`);
