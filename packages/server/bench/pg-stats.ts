// What the PostgreSQL benchmark reads about the database side: CPU and read syscalls of every
// postgres process (from /proc, Linux, as root or the postgres user) and the database's
// transaction counter (pg_stat_database, through psql).
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { processCpuMs } from "./http.js";

/** CPU ms and read syscalls of one process so far. */
interface ProcessCost {
  cpuMs: number;
  reads: number;
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

function readsOf(pid: number): number {
  const io = readFileSync(`/proc/${pid}/io`, "utf8");
  return Number(/syscr: (\d+)/.exec(io)?.[1] ?? 0);
}

/** CPU and read syscalls of every postgres process now (processes gone meanwhile are skipped). */
export function snapshotPostgres(): PostgresSnapshot {
  const out: PostgresSnapshot = new Map();
  for (const name of readdirSync("/proc")) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || !isPostgres(pid)) continue;
    try {
      out.set(pid, { cpuMs: processCpuMs(pid), reads: readsOf(pid) });
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return out;
}

/** What every postgres process spent between two snapshots (new processes count in full). */
export function postgresDelta(before: PostgresSnapshot, after: PostgresSnapshot): ProcessCost {
  let cpuMs = 0;
  let reads = 0;
  for (const [pid, now] of after) {
    const then = before.get(pid) ?? { cpuMs: 0, reads: 0 };
    cpuMs += now.cpuMs - then.cpuMs;
    reads += now.reads - then.reads;
  }
  return { cpuMs, reads };
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
  execFileSync("psql", [plainUrl(url), "-qc", `DROP SCHEMA IF EXISTS ${schema} CASCADE`]);
}
