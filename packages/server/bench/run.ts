// `pnpm bench`: invokes per second and p50/p99 latency over loopback HTTP with 1 and 8
// concurrent clients (server in a child process, as `ecology dev` runs), beside the same
// invokes made in-process on the kernel. Prints a Markdown table for the README.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { Agent, request } from "node:http";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { createKernel } from "@ecology/kernel";
import { COUNTER } from "./contract.js";

const PER_CLIENT = Number(process.env.BENCH_INVOKES ?? 2_000);

interface Figures {
  label: string;
  invokes: number;
  perSecond: number;
  p50: number;
  p99: number;
}

function figures(label: string, latencies: number[], elapsedMs: number): Figures {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    label,
    invokes: latencies.length,
    perSecond: (latencies.length / elapsedMs) * 1000,
    p50: at(0.5),
    p99: at(0.99),
  };
}

async function inProcess(): Promise<Figures> {
  const kernel = await createKernel({
    storage: join(mkdtempSync(join(tmpdir(), "eco-bench-")), "kernel.db"),
  });
  kernel.createPrincipal("owner", { scrip: 0 });
  kernel.createPrincipal("client", { scrip: 1_000_000 });
  kernel.deploy("owner", { id: "counter", code: COUNTER, policy: { invokePrice: 1 } });
  const latencies: number[] = [];
  const start = performance.now();
  for (let i = 0; i < PER_CLIENT; i++) {
    const t = performance.now();
    const env = kernel.invoke("client", "counter", "inc", []);
    latencies.push(performance.now() - t);
    if (!env.success) throw new Error(env.error.message);
  }
  const result = figures("in-process (kernel.invoke)", latencies, performance.now() - start);
  kernel.close();
  return result;
}

function startServer(): Promise<{ url: URL; tokens: string[]; stop: () => void }> {
  const serve = fileURLToPath(new URL("./serve.ts", import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", serve, "8"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let text = "";
    child.stdout.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      if (!text.includes("\n")) return;
      const { url, tokens } = JSON.parse(text) as { url: string; tokens: string[] };
      resolve({ url: new URL("/rpc", url), tokens, stop: () => child.kill("SIGTERM") });
    });
    child.once("exit", (code) => reject(new Error(`server exited (${code})`)));
  });
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });
const BODY = JSON.stringify({
  jsonrpc: "2.0",
  id: 1,
  method: "invoke",
  params: { target: "counter", method: "inc", args: [] },
});

function post(url: URL, token: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        agent,
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      },
      (res) => {
        let text = "";
        res.on("data", (c: Buffer) => {
          text += c.toString();
        });
        res.on("end", () =>
          text.includes('"success":true') ? resolve() : reject(new Error(text)),
        );
      },
    );
    req.on("error", reject);
    req.end(BODY);
  });
}

async function loopback(url: URL, tokens: string[], clients: number): Promise<Figures> {
  const latencies: number[] = [];
  const start = performance.now();
  await Promise.all(
    tokens.slice(0, clients).map(async (token) => {
      for (let i = 0; i < PER_CLIENT; i++) {
        const t = performance.now();
        await post(url, token);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return figures(
    `loopback HTTP, ${clients} client${clients > 1 ? "s" : ""}`,
    latencies,
    performance.now() - start,
  );
}

const base = await inProcess();
const server = await startServer();
try {
  for (let i = 0; i < 200; i++) await post(server.url, server.tokens[0] ?? ""); // warm-up
  const rows = [
    base,
    await loopback(server.url, server.tokens, 1),
    await loopback(server.url, server.tokens, 8),
  ];
  console.log(
    `machine: ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), Node ${process.version}, ${PER_CLIENT} invokes per client, file kernel (WAL)`,
  );
  console.log("| setup | invokes | invokes/s | p50 ms | p99 ms | vs in-process |");
  console.log("|---|---:|---:|---:|---:|---:|");
  for (const r of rows) {
    const ratio = (r.perSecond / base.perSecond).toFixed(2);
    console.log(
      `| ${r.label} | ${r.invokes} | ${r.perSecond.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${ratio}x |`,
    );
  }
} finally {
  server.stop();
  agent.destroy();
}
