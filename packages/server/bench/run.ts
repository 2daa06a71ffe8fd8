// `pnpm bench`: invokes per second and p50/p99 latency over loopback HTTP with 1 and 8
// concurrent clients (server in a child process, as `ecology dev` runs), beside the same
// invokes made in-process on the kernel. Also reports the CPU time the kernel side spends per
// invoke, which stays meaningful when the shared machine is busy and wall time is not.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { createKernel } from "@ecology/kernel";
import { COUNTER } from "./contract.js";

const PER_CLIENT = Number(process.env.BENCH_INVOKES ?? 2_000);
const CLOCK_TICKS = 100;

interface Figures {
  label: string;
  invokes: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** CPU ms the kernel side (this process, or the server process) spent per invoke. */
  cpuPerInvoke: number;
}

function figures(label: string, latencies: number[], elapsedMs: number, cpuMs: number): Figures {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const invokes = latencies.length;
  return {
    label,
    invokes,
    perSecond: (invokes / elapsedMs) * 1000,
    p50: at(0.5),
    p99: at(0.99),
    cpuPerInvoke: cpuMs / invokes,
  };
}

/** CPU time (user + system) of process `pid` so far, in ms, from /proc (Linux). */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  // utime and stime are fields 14 and 15 of stat: 12th and 13th after "pid (comm) ".
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

async function inProcess(): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), "eco-bench-"));
  const kernel = await createKernel({ storage: join(dir, "kernel.db") });
  kernel.createPrincipal("owner", { scrip: 0 });
  kernel.createPrincipal("client", { scrip: 1_000_000 });
  kernel.deploy("owner", { id: "counter", code: COUNTER, policy: { invokePrice: 1 } });
  for (let i = 0; i < 200; i++) kernel.invoke("client", "counter", "inc", []); // warm-up
  const latencies: number[] = [];
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < PER_CLIENT; i++) {
    const t = performance.now();
    const env = kernel.invoke("client", "counter", "inc", []);
    latencies.push(performance.now() - t);
    if (!env.success) throw new Error(env.error.message);
  }
  const elapsed = performance.now() - start;
  const used = process.cpuUsage(cpu);
  kernel.close();
  return figures(
    "in-process (kernel.invoke)",
    latencies,
    elapsed,
    (used.user + used.system) / 1000,
  );
}

interface Served {
  url: URL;
  tokens: string[];
  pid: number;
  stop: () => void;
}

function startServer(): Promise<Served> {
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
      const stop = () => child.kill("SIGTERM");
      resolve({ url: new URL("/rpc", url), tokens, pid: child.pid ?? 0, stop });
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
    const headers = { "content-type": "application/json", authorization: `Bearer ${token}` };
    const req = request(url, { method: "POST", agent, headers }, (res) => {
      let text = "";
      res.on("data", (c: Buffer) => {
        text += c.toString();
      });
      res.on("end", () => (text.includes('"success":true') ? resolve() : reject(new Error(text))));
    });
    req.on("error", reject);
    req.end(BODY);
  });
}

async function loopback(server: Served, clients: number): Promise<Figures> {
  const latencies: number[] = [];
  const cpu = processCpuMs(server.pid);
  const start = performance.now();
  await Promise.all(
    server.tokens.slice(0, clients).map(async (token) => {
      for (let i = 0; i < PER_CLIENT; i++) {
        const t = performance.now();
        await post(server.url, token);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = performance.now() - start;
  const label = `loopback HTTP, ${clients} client${clients > 1 ? "s" : ""}`;
  return figures(label, latencies, elapsed, processCpuMs(server.pid) - cpu);
}

function print(rows: Figures[], base: Figures): void {
  const machine = `${cpus().length} cores (${cpus()[0]?.model ?? "?"}), Node ${process.version}`;
  console.log(`machine: ${machine}, ${PER_CLIENT} invokes per client, file kernel (WAL)`);
  console.log(
    `load average: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  console.log(
    "| setup | invokes | invokes/s | p50 ms | p99 ms | vs in-process | kernel-side CPU ms/invoke | CPU-bound invokes/s |",
  );
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of rows) {
    const cells = [
      r.label,
      r.invokes,
      r.perSecond.toFixed(0),
      r.p50.toFixed(2),
      r.p99.toFixed(2),
      `${(r.perSecond / base.perSecond).toFixed(2)}x`,
      r.cpuPerInvoke.toFixed(3),
      (1000 / r.cpuPerInvoke).toFixed(0),
    ];
    console.log(`| ${cells.join(" | ")} |`);
  }
}

const base = await inProcess();
const server = await startServer();
try {
  for (let i = 0; i < 200; i++) await post(server.url, server.tokens[0] ?? ""); // warm-up
  print([base, await loopback(server, 1), await loopback(server, 8)], base);
} finally {
  server.stop();
  agent.destroy();
}
