// `pnpm bench` (last part): group commit (ADR 0042). Every figure beside its one-at-a-time
// baseline measured in the same run, on WAL file kernels:
// - the kernel alone: invokes one per transaction vs 8 per `kernel.batch`;
// - the dispatcher (in process): 8 concurrent requests, group commit on vs off;
// - the `ecology dev` server in a child process: 8 loopback clients, group commit on vs off,
//   and 1 client (a lone request must not wait for company).
// Prints load average, CPU time, the commit and the ratios; `--json` prints one JSON object
// `{ title, rows: [{ name, value, unit, baseline?, ratio? }], notes }` instead.
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createKernel, type Durability, type Kernel } from "@ecology/kernel";
import { createCredentialStore, createDispatcher } from "../src/index.js";
import { COUNTER } from "./contract.js";
import { agent, type Figures, figures, loopback, PER_CLIENT, post, startServer } from "./http.js";

const CLIENTS = 8;
const TOTAL = PER_CLIENT * CLIENTS;
/** Invokes each client makes before a server is measured. */
const WARM_UP_PER_CLIENT = 250;
const json = process.argv.includes("--json");

/** A fresh WAL file kernel with `owner`, `client0..7` and the counter. */
async function fileKernel(durability: Durability = "process"): Promise<Kernel> {
  const dir = mkdtempSync(join(tmpdir(), "eco-bench-group-"));
  const kernel = await createKernel({ storage: join(dir, "kernel.db"), durability });
  kernel.createPrincipal("owner", { scrip: 0 });
  for (let c = 0; c < CLIENTS; c++) kernel.createPrincipal(`client${c}`, { scrip: 1_000_000 });
  kernel.deploy("owner", { id: "counter", code: COUNTER, policy: { invokePrice: 1 } });
  for (let i = 0; i < 200; i++) inc(kernel, i); // warm-up
  return kernel;
}

function inc(kernel: Kernel, i: number): void {
  const env = kernel.invoke(`client${i % CLIENTS}`, "counter", "inc", []);
  if (!env.success) throw new Error(env.error.message);
}

/**
 * `total` invokes in transactions of `group` (1: plain `kernel.invoke`, each its own).
 * `durability: "power"` syncs every commit to disk (`synchronous=FULL`).
 */
async function kernelRun(
  label: string,
  group: number,
  durability: Durability = "process",
  total = TOTAL,
): Promise<Figures> {
  const kernel = await fileKernel(durability);
  const latencies: number[] = [];
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < total; i += group) {
    const t = performance.now();
    if (group === 1) inc(kernel, i);
    else kernel.batch(() => Array.from({ length: group }, (_, j) => inc(kernel, i + j)));
    // Every invoke of a group is answered when its group commits.
    const took = performance.now() - t;
    for (let j = 0; j < group; j++) latencies.push(took);
  }
  const elapsed = performance.now() - start;
  const used = process.cpuUsage(cpu);
  kernel.close();
  return figures(label, latencies, elapsed, (used.user + used.system) / 1000);
}

/** 8 concurrent callers of the dispatcher, `PER_CLIENT` invokes each, in this process. */
async function dispatcherRun(label: string, grouped: boolean): Promise<Figures> {
  const kernel = await fileKernel();
  const dir = join(mkdtempSync(join(tmpdir(), "eco-bench-group-")), ".ecology");
  const credentials = createCredentialStore(dir);
  const tokens = Array.from({ length: CLIENTS }, (_, c) => credentials.issue(`client${c}`));
  const dispatcher = createDispatcher({
    kernel,
    credentials,
    ...(grouped ? {} : { groupCommit: false as const }),
  });
  const params = { target: "counter", method: "inc", args: [] };
  const latencies: number[] = [];
  const cpu = process.cpuUsage();
  const start = performance.now();
  await Promise.all(
    tokens.map(async (token) => {
      for (let i = 0; i < PER_CLIENT; i++) {
        const t = performance.now();
        const out = await dispatcher.call(token, "invoke", params);
        latencies.push(performance.now() - t);
        if (!out.ok || !out.result.success) throw new Error(JSON.stringify(out));
      }
    }),
  );
  const elapsed = performance.now() - start;
  const used = process.cpuUsage(cpu);
  kernel.close();
  return figures(label, latencies, elapsed, (used.user + used.system) / 1000);
}

/** The server child with group commit on or off, measured with 8 clients then 1. */
async function serverRuns(grouped: boolean): Promise<[Figures, Figures]> {
  const server = await startServer(CLIENTS, grouped ? [] : ["--one-at-a-time"]);
  try {
    // Warm-up in the shape measured (8 concurrent clients): a lone client's 200 invokes left
    // the server's JIT cold for the first second of the 8-client run, which then set its p99.
    await Promise.all(
      server.tokens.map(async (token) => {
        for (let i = 0; i < WARM_UP_PER_CLIENT; i++) await post(server.url, token);
      }),
    );
    const name = grouped ? "group commit" : "one at a time";
    return [
      await loopback(server, CLIENTS, `ecology dev, ${CLIENTS} loopback clients, ${name}`),
      await loopback(server, 1, `ecology dev, 1 loopback client, ${name}`),
    ];
  } finally {
    server.stop();
  }
}

interface Row {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
}

function rate(f: Figures, base?: Figures): Row {
  const row: Row = { name: f.label, value: Math.round(f.perSecond), unit: "invokes/s" };
  if (!base) return row;
  return {
    ...row,
    baseline: Math.round(base.perSecond),
    ratio: round2(f.perSecond / base.perSecond),
  };
}

function p99(f: Figures): Row {
  return { name: `${f.label}: p99`, value: round2(f.p99), unit: "ms" };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
const alone = await kernelRun("kernel, one invoke per transaction", 1);
const batched = await kernelRun(`kernel, ${CLIENTS} invokes per kernel.batch`, CLIENTS);
// Syncing every commit is where sharing one pays most; fewer invokes, each waits for the disk.
const powerAlone = await kernelRun(
  "kernel, durability power, one per transaction",
  1,
  "power",
  TOTAL / 4,
);
const powerBatched = await kernelRun(
  `kernel, durability power, ${CLIENTS} per kernel.batch`,
  CLIENTS,
  "power",
  TOTAL / 4,
);
const serial = await dispatcherRun(
  `dispatcher, ${CLIENTS} concurrent requests, one at a time`,
  false,
);
const grouped = await dispatcherRun(
  `dispatcher, ${CLIENTS} concurrent requests, group commit`,
  true,
);
const [offMany, offOne] = await serverRuns(false);
const [onMany, onOne] = await serverRuns(true);
agent.destroy();

const all = [
  alone,
  batched,
  powerAlone,
  powerBatched,
  serial,
  grouped,
  offMany,
  onMany,
  offOne,
  onOne,
];
const rows: Row[] = [
  rate(batched, alone),
  rate(powerBatched, powerAlone),
  rate(grouped, serial),
  rate(onMany, offMany),
  p99(onMany),
  p99(offMany),
  rate(onOne, offOne),
  p99(onOne),
  p99(offOne),
];
const load = loadavg()
  .map((l) => l.toFixed(2))
  .join(" ");
const machine = `${cpus().length} cores (${cpus()[0]?.model ?? "?"}), Node ${process.version}`;
const notes = [
  `commit ${commit}; load average ${load}; ${machine}`,
  `${PER_CLIENT} invokes per client; WAL file kernels (durability "process" unless said); baselines measured in this run`,
  "CPU ms/invoke is the kernel side's (this process in process, the server child over HTTP)",
];

if (json) {
  console.log(JSON.stringify({ title: "Group commit (ADR 0042)", rows, notes }));
} else {
  for (const note of notes) console.log(note);
  console.log("| setup | invokes/s | p50 ms | p99 ms | CPU ms/invoke |");
  console.log("|---|---:|---:|---:|---:|");
  for (const f of all) {
    const cells = [f.label, f.perSecond.toFixed(0), f.p50.toFixed(2), f.p99.toFixed(2)];
    console.log(`| ${[...cells, f.cpuPerInvoke.toFixed(3)].join(" | ")} |`);
  }
  console.log("| ratio | measured | baseline |");
  console.log("|---|---:|---:|");
  for (const r of rows.filter((row) => row.ratio !== undefined))
    console.log(`| ${r.name} | ${r.ratio?.toFixed(2)}x | ${r.baseline} ${r.unit} |`);
}
