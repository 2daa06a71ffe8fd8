// `pnpm bench`: invokes per second and p50/p99 latency over loopback HTTP with 1 and 8
// concurrent clients (server in a child process, as `ecology dev` runs), beside the same
// invokes made in-process on the kernel. Also reports the CPU time the kernel side spends per
// invoke, which stays meaningful when the shared machine is busy and wall time is not.
import { mkdtempSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createKernel } from "@ecology/kernel";
import { COUNTER } from "./contract.js";
import { agent, type Figures, figures, loopback, PER_CLIENT, post, startServer } from "./http.js";

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
