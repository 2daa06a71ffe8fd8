// Child process of the benchmarks: serves a kernel on a free loopback port and prints
// `{ url, tokens }` once ready. Runs until killed. `--one-at-a-time` (anywhere) switches group commit off.
//   serve.ts <clients>                         a fresh SQLite file kernel, seeded
//   serve.ts <clients> <postgres-url> seed     a PostgreSQL economy, seeded by this server
//   serve.ts <clients> <postgres-url> join     another server on that economy (tokens: none)
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createKernel } from "@ecology/kernel";
import { createServer, createSharedCredentialStore } from "../src/index.js";
import { seed } from "./contract.js";

const oneAtATime = process.argv.includes("--one-at-a-time");
const [clientsArg, database, roleArg] = process.argv
  .slice(2)
  .filter((a) => a !== "--one-at-a-time");
const clients = Number(clientsArg ?? 8);
const role = roleArg ?? "seed";
const dir = join(mkdtempSync(join(tmpdir(), "eco-bench-")), ".ecology");
const kernel = await createKernel({ storage: database ?? join(dir, "..", "kernel.db") });
// The stream benchmark opens hundreds of streams from 8 tokens: lift the caps for it.
const server = await createServer({
  kernel,
  dir,
  port: 0,
  maxStreams: 10_000,
  maxStreamsPerToken: 10_000,
  ...(oneAtATime ? { groupCommit: false as const } : {}),
  ...(database ? { credentials: createSharedCredentialStore(dir, kernel.credentials) } : {}),
});
const operator = server.credentials.operatorToken();
if (role === "seed") {
  await seed(async (who, method, params) => {
    const token = who === "operator" ? operator : server.credentials.tokenFor(who);
    const out = await server.dispatcher.call(token, method, params);
    if (!out.ok) throw new Error(out.error.message);
    const envelope = out.result as { success: boolean; error?: { message: string } };
    if (!envelope.success) throw new Error(envelope.error?.message);
  }, clients);
}
const tokens =
  role === "seed"
    ? Array.from({ length: clients }, (_, i) => server.credentials.tokenFor(`client${i}`))
    : [];
process.stdout.write(`${JSON.stringify({ url: server.url, tokens })}\n`);
