// `pnpm bench:postgres` (ECOLOGY_TEST_DATABASE_URL set): invokes/s and p50/p99 over loopback
// HTTP for 1, 2 and 3 servers on one PostgreSQL economy × 8 and 32 clients, uncontended (each
// client its own counter) and hot-spot (every client the same paid counter), beside one server
// on an SQLite file measured in the same run. Per invoke: server CPU, database CPU (every
// postgres process, from /proc), database transactions (pg_stat_database) and the postgres
// processes' voluntary waits (/proc: a backend blocks once per round trip, waiting for the
// client's next message, and on locks and WAL flushes — an upper bound on round trips).
// One server with group commit off (`--one-at-a-time`) is measured beside it: on ÷ off.
// Ends with a projection of N servers on N machines from those per-invoke costs.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { agent, incBody, post, processCpuMs, type Served, startServer } from "./http.js";
import { dropSchema, postgresDelta, snapshotPostgres, transactions } from "./pg-stats.js";
import { printProjection, type Row } from "./projection.js";

const DATABASE = process.env.ECOLOGY_TEST_DATABASE_URL;
const PER_CLIENT = Number(process.env.BENCH_INVOKES ?? 150);
const CLIENT_COUNTS = [8, 32];
const MAX_CLIENTS = Math.max(...CLIENT_COUNTS);

/** One measured run: `clients` clients spread over `servers`, each doing PER_CLIENT invokes. */
async function measure(
  label: string,
  servers: Served[],
  tokens: string[],
  clients: number,
  hot: boolean,
  database?: string,
): Promise<Row> {
  const cpuBefore = servers.map((s) => processCpuMs(s.pid));
  const pgBefore = database ? snapshotPostgres() : undefined;
  const txBefore = database ? transactions(database) : 0;
  const latencies: number[] = [];
  const start = performance.now();
  await Promise.all(
    tokens.slice(0, clients).map(async (token, i) => {
      const server = servers[i % servers.length] as Served;
      const body = incBody(hot ? "counter" : `counter${i}`);
      for (let n = 0; n < PER_CLIENT; n++) {
        const t = performance.now();
        await post(server.url, token, body);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = performance.now() - start;
  const serverCpu = servers.reduce(
    (sum, s, i) => sum + processCpuMs(s.pid) - (cpuBefore[i] ?? 0),
    0,
  );
  const pg = pgBefore ? postgresDelta(pgBefore, snapshotPostgres()) : undefined;
  // pg_stat_database is flushed about once a second: wait for it before reading.
  if (database) await new Promise((r) => setTimeout(r, 1_200));
  const tx = database ? transactions(database) - txBefore - 1 : 0;
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const invokes = latencies.length;
  return {
    label,
    servers: servers.length,
    clients,
    hot,
    invokes,
    perSecond: (invokes / elapsed) * 1000,
    p50: at(0.5),
    p99: at(0.99),
    serverCpu: serverCpu / invokes,
    ...(pg ? { dbCpu: pg.cpuMs / invokes, dbWaits: pg.waits / invokes, dbTx: tx / invokes } : {}),
  };
}

async function sqliteRows(): Promise<Row[]> {
  const server = await startServer(MAX_CLIENTS);
  try {
    const rows: Row[] = [];
    for (const clients of CLIENT_COUNTS)
      for (const hot of [false, true])
        rows.push(await measure("SQLite file, 1 server", [server], server.tokens, clients, hot));
    return rows;
  } finally {
    server.stop();
  }
}

/**
 * Rows of `count` servers on a fresh PostgreSQL schema; `oneAtATime` serves one transaction per
 * request (group commit off, ADR 0042) for the comparison with group commit.
 */
async function postgresRows(database: string, count: number, oneAtATime = false): Promise<Row[]> {
  const url = new URL(database);
  url.searchParams.set("schema", `bench_${randomBytes(4).toString("hex")}`);
  const economy = url.toString();
  const servers: Served[] = [];
  try {
    const flags = oneAtATime ? ["--one-at-a-time"] : [];
    servers.push(await startServer(MAX_CLIENTS, [economy, "seed", ...flags]));
    for (let i = 1; i < count; i++)
      servers.push(await startServer(MAX_CLIENTS, [economy, "join", ...flags]));
    const tokens = servers[0]?.tokens ?? [];
    const label = `PostgreSQL, ${count} server${count > 1 ? "s" : ""}${oneAtATime ? ", one at a time" : ""}`;
    const rows: Row[] = [];
    for (const clients of CLIENT_COUNTS)
      for (const hot of [false, true])
        rows.push(await measure(label, servers, tokens, clients, hot, economy));
    return rows;
  } finally {
    for (const s of servers) s.stop();
    await new Promise((r) => setTimeout(r, 300));
    dropSchema(economy);
  }
}

function printRows(rows: Row[], base: Row[]): void {
  console.log(
    "| setup | clients | load | invokes/s | vs SQLite | p50 ms | p99 ms | server CPU ms/invoke | DB CPU ms/invoke | DB tx/invoke | DB waits/invoke (round trips + lock/WAL waits) |",
  );
  console.log("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of rows) {
    const same = base.find((b) => b.clients === r.clients && b.hot === r.hot);
    const cells = [
      r.label,
      r.clients,
      r.hot ? "hot spot" : "uncontended",
      r.perSecond.toFixed(0),
      same ? `${(r.perSecond / same.perSecond).toFixed(2)}x` : "",
      r.p50.toFixed(1),
      r.p99.toFixed(1),
      r.serverCpu.toFixed(3),
      r.dbCpu?.toFixed(3) ?? "–",
      r.dbTx?.toFixed(2) ?? "–",
      r.dbWaits?.toFixed(1) ?? "–",
    ];
    console.log(`| ${cells.join(" | ")} |`);
  }
}

/** Group commit on ÷ off for one server on PostgreSQL, each row beside its twin of the same run. */
function printGroupCommit(on: Row[], off: Row[]): void {
  console.log(
    "\n| group commit on ÷ off (1 server, PostgreSQL) | clients | load | invokes/s | p99 ms | server CPU | DB tx/invoke |",
  );
  console.log("|---|---:|---|---:|---:|---:|---:|");
  for (const r of on) {
    const o = off.find((b) => b.clients === r.clients && b.hot === r.hot);
    if (!o) continue;
    const x = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
    const cells = [
      "on ÷ off",
      r.clients,
      r.hot ? "hot spot" : "uncontended",
      x(r.perSecond, o.perSecond),
      `${r.p99.toFixed(1)} vs ${o.p99.toFixed(1)}`,
      x(r.serverCpu, o.serverCpu),
      `${r.dbTx?.toFixed(2) ?? "–"} vs ${o.dbTx?.toFixed(2) ?? "–"}`,
    ];
    console.log(`| ${cells.join(" | ")} |`);
  }
}

function commit(): string {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  } catch {
    return "?";
  }
}

if (!DATABASE) {
  console.error(
    "bench/postgres.ts: set ECOLOGY_TEST_DATABASE_URL (bash .ci/postgres.sh prints it)",
  );
  process.exit(1);
}
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
console.log(
  `machine: ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), Node ${process.version}, commit ${commit()}`,
);
console.log(`${PER_CLIENT} invokes per client; load average at start: ${load()}`);
try {
  const base = await sqliteRows();
  const rows = [...base];
  const one = await postgresRows(DATABASE, 1);
  const oneOff = await postgresRows(DATABASE, 1, true);
  rows.push(...one, ...oneOff);
  for (const count of [2, 3]) rows.push(...(await postgresRows(DATABASE, count)));
  printRows(rows, base);
  printGroupCommit(one, oneOff);
  console.log(`load average at end: ${load()}`);
  printProjection(rows);
} finally {
  agent.destroy();
}
