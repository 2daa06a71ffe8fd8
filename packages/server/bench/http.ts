// What the benchmarks share: figures from latencies, the server child process and keep-alive
// JSON-RPC invokes over loopback HTTP.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

/** Invokes each client makes per measured run. */
export const PER_CLIENT = Number(process.env.BENCH_INVOKES ?? 2_000);
const CLOCK_TICKS = 100;

/** One row of a benchmark table. */
export interface Figures {
  label: string;
  invokes: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** CPU ms the kernel side (this process, or the server process) spent per invoke. */
  cpuPerInvoke: number;
}

/** Summarises one run: throughput, p50/p99 latency and kernel-side CPU per invoke. */
export function figures(
  label: string,
  latencies: number[],
  elapsedMs: number,
  cpuMs: number,
): Figures {
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
export function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  // utime and stime are fields 14 and 15 of stat: 12th and 13th after "pid (comm) ".
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/** The server child process: its base URL, client tokens and pid. */
export interface Served {
  base: string;
  url: URL;
  tokens: string[];
  pid: number;
  stop: () => void;
}

/**
 * Starts `serve.ts` in a child process (as `ecology dev` runs) with `clients` principals;
 * `extra` are serve.ts's further arguments (a PostgreSQL URL and `seed` or `join`;
 * `--one-at-a-time` serves one transaction per request: group commit off, ADR 0042).
 */
export function startServer(clients = 8, extra: string[] = []): Promise<Served> {
  const serve = fileURLToPath(new URL("./serve.ts", import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", serve, String(clients), ...extra], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let text = "";
    child.stdout.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      if (!text.includes("\n")) return;
      const { url, tokens } = JSON.parse(text) as { url: string; tokens: string[] };
      const stop = () => child.kill("SIGTERM");
      resolve({ base: url, url: new URL("/rpc", url), tokens, pid: child.pid ?? 0, stop });
    });
    child.once("exit", (code) => reject(new Error(`server exited (${code})`)));
  });
}

/** The keep-alive agent every request of a benchmark shares; destroy it at the end. */
export const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** The JSON-RPC body of one `inc` invoke on `target`. */
export function incBody(target: string): string {
  return JSON.stringify({
    jsonrpc: "2.0",
    id: 1,
    method: "invoke",
    params: { target, method: "inc", args: [] },
  });
}

const BODY = incBody("counter");

/** One `counter.inc` invoke (or `body`) as `token`; rejects unless the envelope is a success. */
export function post(url: URL, token: string, body = BODY): Promise<void> {
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
    req.end(body);
  });
}

/** `PER_CLIENT` invokes from each of `clients` concurrent clients; the server's CPU included. */
export async function loopback(server: Served, clients: number, label?: string): Promise<Figures> {
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
  const name = label ?? `loopback HTTP, ${clients} client${clients > 1 ? "s" : ""}`;
  return figures(name, latencies, elapsed, processCpuMs(server.pid) - cpu);
}
