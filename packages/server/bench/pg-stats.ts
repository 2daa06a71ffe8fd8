// What the PostgreSQL benchmark reads about the database side: CPU and voluntary waits of every
// postgres process (from /proc, Linux, as root or the postgres user) and the database's
// transaction counter (pg_stat_database, through psql).
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { processCpuMs } from "./http.js";

/** CPU ms and voluntary waits of one process so far. */
interface ProcessCost {
  cpuMs: number;
  waits: number;
}

/** A snapshot of every postgres process's costs, by pid. */
export type PostgresSnapshot = Map<number, ProcessCost>;

function isPostgres(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "postgres";
  } catch {
    return false;
  }
}

/**
 * Times the process blocked of its own accord so far. A backend blocks once per round trip
 * (waiting for the client's next message: it reads its socket with recv(), which /proc's read
 * counters miss), and also on locks and WAL flushes — so this is round trips plus waits.
 */
function waitsOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/voluntary_ctxt_switches:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

/** CPU and voluntary waits of every postgres process now (processes gone meanwhile are skipped). */
export function snapshotPostgres(): PostgresSnapshot {
  const out: PostgresSnapshot = new Map();
  for (const name of readdirSync("/proc")) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || !isPostgres(pid)) continue;
    try {
      out.set(pid, { cpuMs: processCpuMs(pid), waits: waitsOf(pid) });
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return out;
}

/** What every postgres process spent between two snapshots (new processes count in full). */
export function postgresDelta(before: PostgresSnapshot, after: PostgresSnapshot): ProcessCost {
  let cpuMs = 0;
  let waits = 0;
  for (const [pid, now] of after) {
    const then = before.get(pid) ?? { cpuMs: 0, waits: 0 };
    cpuMs += now.cpuMs - then.cpuMs;
    waits += now.waits - then.waits;
  }
  return { cpuMs, waits };
}

/** The URL without `?schema=`, as psql takes it. */
export function plainUrl(url: string): string {
  const plain = new URL(url);
  plain.searchParams.delete("schema");
  return plain.toString();
}

/** Committed plus rolled-back transactions of the database so far (statistics lag ≤ 1 s). */
export function transactions(url: string): number {
  const sql =
    "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()";
  return Number(execFileSync("psql", [plainUrl(url), "-Atc", sql], { encoding: "utf8" }).trim());
}

/** Drops the schema the URL's `?schema=` names. */
export function dropSchema(url: string): void {
  const schema = new URL(url).searchParams.get("schema");
  if (!schema || !/^[a-z0-9_]+$/.test(schema)) return;
  execFileSync("psql", [plainUrl(url), "-qc", `DROP SCHEMA IF EXISTS ${schema} CASCADE`], {
    stdio: "ignore",
  });
}
