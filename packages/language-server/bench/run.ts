import { execFileSync, spawn } from "node:child_process";
import { cpus } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-jsonrpc/node";
import { createRawService } from "./raw-typescript.js";
import { bigContract, createBenchWorkspace } from "./workspace.js";

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const WARMUP = 5;
const EDITS = 40;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
}

function summary(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? 0 };
}

const ms = (n: number) => `${n.toFixed(0)} ms`;

async function measureServer(root: string) {
  const started = performance.now();
  const child = spawn(process.execPath, [join(packageDir, "dist", "bin.js"), "--stdio"], {
    stdio: ["pipe", "pipe", "inherit"],
  });
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
  const initializeSent = performance.now();
  await connection.sendRequest("initialize", {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: "bench" }],
    capabilities: {},
    initializationOptions: { kernel: false },
  });
  const initialized = performance.now();
  await connection.sendNotification("initialized", {});
  const first = published(1);
  await connection.sendNotification("textDocument/didOpen", {
    textDocument: { uri, languageId: "typescript", version: 1, text: bigContract(0) },
  });
  await first;
  const firstDiagnostics = performance.now() - initializeSent;
  const times: number[] = [];
  for (let i = 1; i <= WARMUP + EDITS; i++) {
    const version = i + 1;
    const done = published(version);
    const t = performance.now();
    await connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version },
      contentChanges: [{ text: bigContract(i) }],
    });
    await done;
    if (i > WARMUP) times.push(performance.now() - t);
  }
  await connection.sendRequest("shutdown");
  await connection.sendNotification("exit");
  connection.dispose();
  return {
    spawnToInitialize: initializeSent - started,
    initialize: initialized - initializeSent,
    firstDiagnostics,
    edits: summary(times),
  };
}

function measureRaw(root: string) {
  const path = join(root, "big.ts");
  const service = createRawService(root);
  const t0 = performance.now();
  service.edit(path, bigContract(0));
  const first = performance.now() - t0;
  const times: number[] = [];
  for (let i = 1; i <= WARMUP + EDITS; i++) {
    const t = performance.now();
    service.edit(path, bigContract(i));
    if (i > WARMUP) times.push(performance.now() - t);
  }
  return { first, edits: summary(times) };
}

console.log("building dist/ (the server runs built, as its bin does)...");
execFileSync("pnpm", ["run", "build"], { cwd: packageDir, stdio: "ignore" });
const root = createBenchWorkspace(50);
console.log(
  `workspace: 50 contracts in ${root}; edited file big.ts (${bigContract(0).split("\n").length} lines)`,
);
console.log(
  `machine: ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), node ${process.version}`,
);
const server = await measureServer(root);
const raw = measureRaw(root);
console.log(
  "\necology-language-server (stdio, edit → publishDiagnostics, TS errors + contract rules)",
);
console.log(
  `  first diagnostics after initialize: ${ms(server.firstDiagnostics)} (initialize itself ${ms(server.initialize)}, process start ${ms(server.spawnToInitialize)})`,
);
console.log(
  `  warm edit: p50 ${ms(server.edits.p50)}, p95 ${ms(server.edits.p95)}, max ${ms(server.edits.max)} (${EDITS} edits after ${WARMUP} warm-up)`,
);
console.log(
  "raw TypeScript language service (in process, same edit → syntactic + semantic diagnostics)",
);
console.log(`  first: ${ms(raw.first)}`);
console.log(
  `  warm edit: p50 ${ms(raw.edits.p50)}, p95 ${ms(raw.edits.p95)}, max ${ms(raw.edits.max)}`,
);
console.log(
  `ratio (server / raw TS): p50 ${(server.edits.p50 / raw.edits.p50).toFixed(2)}×, p95 ${(server.edits.p95 / raw.edits.p95).toFixed(2)}×`,
);
