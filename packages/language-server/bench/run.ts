import { execFileSync, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-jsonrpc/node";
import { cpuMs } from "./cpu-time.js";
import { createRawService } from "./raw-typescript.js";
import { bigContract, createBenchWorkspace } from "./workspace.js";

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const WARMUP = 5;
const EDITS = 40;

type Sample = { wall: number; cpu: number };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
}

function summary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 50).toFixed(0)} ms, p95 ${percentile(sorted, 95).toFixed(0)} ms`;
}

/** Starts the built server on `root`; resolves once big.ts has its first diagnostics. */
async function startServer(root: string) {
  // The built server, with tsx only so that sibling workspace packages, which export their
  // TypeScript sources here, load as they would from their published dist.
  const bin = join(packageDir, "dist", "bin.js");
  const child = spawn(process.execPath, ["--import", "tsx", bin, "--stdio"], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const pid = child.pid ?? 0;
  const connection = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  const waiting = new Map<number, () => void>();
  connection.onNotification(
    "textDocument/publishDiagnostics",
    (p: { uri: string; version?: number }) => {
      if (p.uri.endsWith("/big.ts") && p.version !== undefined) waiting.get(p.version)?.();
    },
  );
  connection.listen();
  const published = (version: number) => new Promise<void>((done) => waiting.set(version, done));
  const uri = pathToFileURL(join(root, "big.ts")).href;
  const rootUri = pathToFileURL(root).href;
  const t0 = performance.now();
  await connection.sendRequest("initialize", {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: "bench" }],
    capabilities: {},
    initializationOptions: { kernel: false },
  });
  const initialize = performance.now() - t0;
  await connection.sendNotification("initialized", {});
  const first = published(1);
  await connection.sendNotification("textDocument/didOpen", {
    textDocument: { uri, languageId: "typescript", version: 1, text: bigContract(0) },
  });
  await first;
  const firstDiagnostics = { wall: performance.now() - t0, cpu: cpuMs(pid) };
  return {
    initialize,
    firstDiagnostics,
    async edit(i: number): Promise<Sample> {
      const done = published(i + 1);
      const cpu = cpuMs(pid);
      const t = performance.now();
      await connection.sendNotification("textDocument/didChange", {
        textDocument: { uri, version: i + 1 },
        contentChanges: [{ text: bigContract(i) }],
      });
      await done;
      return { wall: performance.now() - t, cpu: cpuMs(pid) - cpu };
    },
    async stop() {
      await connection.sendRequest("shutdown");
      await connection.sendNotification("exit");
      connection.dispose();
    },
  };
}

console.log("building dist/ (the server runs built, as its bin does)...");
execFileSync("pnpm", ["run", "build"], { cwd: packageDir, stdio: "ignore" });
const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(" ");
const root = createBenchWorkspace(50);
const lines = bigContract(0).split("\n").length;
console.log(`workspace: 50 contracts in ${root}; edited file big.ts (${lines} lines)`);
console.log(
  `machine: ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), node ${process.version}, load average ${load()}`,
);

const server = await startServer(root);
const raw = createRawService(root);
const rawPath = join(root, "big.ts");
const rawCpu0 = cpuMs(process.pid);
const rawT0 = performance.now();
raw.edit(rawPath, bigContract(0));
const rawFirst = { wall: performance.now() - rawT0, cpu: cpuMs(process.pid) - rawCpu0 };

// Edits alternate between the server and the raw service, so both see the same machine load.
const ours: Sample[] = [];
const theirs: Sample[] = [];
for (let i = 1; i <= WARMUP + EDITS; i++) {
  const sample = await server.edit(i);
  const cpu = cpuMs(process.pid);
  const t = performance.now();
  raw.edit(rawPath, bigContract(i));
  if (i <= WARMUP) continue;
  ours.push(sample);
  theirs.push({ wall: performance.now() - t, cpu: cpuMs(process.pid) - cpu });
}
await server.stop();

const wall = (s: Sample[]) => summary(s.map((x) => x.wall));
const cpu = (s: Sample[]) => summary(s.map((x) => x.cpu));
const ratio = (a: Sample[], b: Sample[], key: keyof Sample) => {
  const med = (s: Sample[]) =>
    percentile(
      [...s.map((x) => x[key])].sort((x, y) => x - y),
      50,
    );
  return (med(a) / med(b)).toFixed(2);
};
console.log(
  "\necology-language-server (built, stdio; didChange → publishDiagnostics with TS errors + contract rules)",
);
console.log(
  `  first diagnostics after initialize: ${server.firstDiagnostics.wall.toFixed(0)} ms wall, ${server.firstDiagnostics.cpu.toFixed(0)} ms CPU (initialize answered after ${server.initialize.toFixed(0)} ms)`,
);
console.log(`  warm edit, wall: ${wall(ours)}`);
console.log(`  warm edit, CPU:  ${cpu(ours)}`);
console.log(
  "raw TypeScript language service (in process; same edit → syntactic + semantic diagnostics)",
);
console.log(`  first: ${rawFirst.wall.toFixed(0)} ms wall, ${rawFirst.cpu.toFixed(0)} ms CPU`);
console.log(`  warm edit, wall: ${wall(theirs)}`);
console.log(`  warm edit, CPU:  ${cpu(theirs)}`);
console.log(
  `ratio of medians (server / raw TS): wall ${ratio(ours, theirs, "wall")}×, CPU ${ratio(ours, theirs, "cpu")}×`,
);
console.log(`load average after: ${load()}`);
rmSync(root, { recursive: true, force: true });
