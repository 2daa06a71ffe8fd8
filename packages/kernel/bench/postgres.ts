// PostgreSQL storage benchmark (ADR 0040): transfers and pay-per-use invokes per second on
// PostgreSQL — one kernel, and two kernel processes on one economy — beside SQLite (memory and
// WAL file) in the same run, with database round trips (bridge waits) and statements per
// operation and the time the economy lock is held per operation. Needs
// ECOLOGY_TEST_DATABASE_URL (bash .ci/postgres.sh prints it); skipped with a notice without it.
import { execSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { createKernel, type Kernel } from "../src/index.js";
import { openPostgresStorage } from "../src/storage/postgres.js";
import { contract } from "../src/test-fixtures/contracts.js";

const SERVICE = contract(
  `module.exports = { default: { methods: {
    use(ctx) { ctx.state.uses = (ctx.state.uses || 0) + 1; ctx.emit("used", { by: ctx.caller }); return ctx.state.uses; },
  } } };`,
  { methods: { use: 0 } },
);
type Kind = "transfer" | "invoke";
const MS = Number(process.env.ECOLOGY_BENCH_MS ?? 4000);

/** Principals and the paid service every run uses. */
function populate(k: Kernel): void {
  for (const p of ["a", "b", "c", "d"]) k.createPrincipal(p, { scrip: 1e12 });
  k.deploy("d", { id: "svc", code: SERVICE, policy: { invokePrice: 1 } });
}

/** One operation of `kind`, by caller `i` of four. */
function op(k: Kernel, kind: Kind, i: number): void {
  const from = ["a", "b", "c"][i % 3] as string;
  const env =
    kind === "transfer"
      ? k.invoke(from, "genesis_ledger", "transfer", ["d", 1])
      : k.invoke(from, "svc", "use", []);
  if (!env.success) throw new Error(env.error.message);
}

/** Runs `kind` for `ms`; operations, wall seconds and CPU seconds. */
function loop(k: Kernel, kind: Kind, ms: number): { ops: number; wall: number; cpu: number } {
  for (let i = 0; i < 20; i++) op(k, kind, i);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let ops = 0;
  while (performance.now() - t0 < ms) op(k, kind, ops++);
  const c = process.cpuUsage(c0);
  return { ops, wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

function schemaUrl(base: string, schema: string): string {
  const u = new URL(base);
  u.searchParams.set("schema", schema);
  return u.toString();
}

/**
 * Child mode: one kernel process on a shared economy, reporting its counts as JSON. It starts
 * its loop at `startAt` (epoch ms), so that several children overlap fully despite their
 * different start-up times.
 */
async function child(url: string, kind: Kind, ms: number, startAt: number): Promise<void> {
  const storage = await openPostgresStorage(url);
  const k = await createKernel({ storage });
  await new Promise((r) => setTimeout(r, Math.max(0, startAt - Date.now())));
  const before = { ...storage.bridgeStats, ...storage.lockStats };
  const r = loop(k, kind, ms);
  const s = storage.bridgeStats;
  const l = storage.lockStats;
  const out = {
    ...r,
    waits: s.waits - before.waits,
    statements: s.statements - before.statements,
    lockMs: l.heldMs - before.heldMs,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
  k.close();
}

type ChildResult = Awaited<ReturnType<typeof loop>> & {
  waits: number;
  statements: number;
  lockMs: number;
};

function runChild(url: string, kind: Kind, startAt: number): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const file = fileURLToPath(import.meta.url);
    const args = ["--child", url, kind, String(MS), String(startAt)];
    const p = spawn(process.execPath, ["--import", "tsx", file, ...args], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    p.stdout.on("data", (d) => (out += d));
    p.on("exit", (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim()) as ChildResult)
        : reject(new Error(`child ${code}`)),
    );
  });
}

/** Sum of several processes' results: ops/s is total ops over the longest wall time. */
function combine(rs: ChildResult[]): {
  rate: number;
  perOp: (x: number) => number;
  r: ChildResult;
} {
  const sum = (f: (r: ChildResult) => number) => rs.reduce((a, r) => a + f(r), 0);
  const r: ChildResult = {
    ops: sum((x) => x.ops),
    wall: Math.max(...rs.map((x) => x.wall)),
    cpu: sum((x) => x.cpu),
    waits: sum((x) => x.waits),
    statements: sum((x) => x.statements),
    lockMs: sum((x) => x.lockMs),
  };
  return { rate: r.ops / r.wall, perOp: (x) => x / r.ops, r };
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function sqliteRate(storage: string, kind: Kind): Promise<{ rate: number; cpu: number }> {
  const k = await createKernel({ storage });
  populate(k);
  const r = loop(k, kind, MS);
  k.close();
  return { rate: r.ops / r.wall, cpu: r.ops / r.cpu };
}

/**
 * Prints the PostgreSQL table (part of `pnpm bench`); says it is skipped when
 * ECOLOGY_TEST_DATABASE_URL is unset. Creates and drops its own `bench_*` schemas.
 */
export async function postgresBench(): Promise<void> {
  const base = process.env.ECOLOGY_TEST_DATABASE_URL;
  if (!base) {
    console.log("postgres bench skipped: set ECOLOGY_TEST_DATABASE_URL (bash .ci/postgres.sh)");
    return;
  }
  const commit = execSync("git rev-parse --short HEAD").toString().trim();
  console.log(`\nPostgreSQL storage, commit ${commit}, node ${process.version}, ${MS} ms per run`);
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  const dir = mkdtempSync(join(tmpdir(), "ecology-pgbench-"));
  const schemas: string[] = [];
  console.log(
    "\n| run | ops/s (wall) | ops per CPU-second (kernel process) | ÷ SQLite memory | bridge waits / op | statements / op | lock held / op |",
  );
  console.log("|---|---|---|---|---|---|---|");
  try {
    for (const kind of ["transfer", "invoke"] as Kind[]) {
      const memory = await sqliteRate(":memory:", kind);
      const file = await sqliteRate(join(dir, `${kind}.db`), kind);
      console.log(
        `| ${kind}, SQLite memory | ${fmt(memory.rate)} | ${fmt(memory.cpu)} | 1.00 | – | – | – |`,
      );
      console.log(
        `| ${kind}, SQLite WAL file | ${fmt(file.rate)} | ${fmt(file.cpu)} | ${fmt(file.rate / memory.rate, 2)} | – | – | – |`,
      );
      for (const [label, pipeline] of [
        ["pipelined", true],
        ["no pipelining", false],
      ] as const) {
        const schema = `bench_${kind}_${pipeline ? "p" : "n"}_${process.pid}`;
        schemas.push(schema);
        const storage = await openPostgresStorage(schemaUrl(base, schema), { pipeline });
        const k = await createKernel({ storage });
        populate(k);
        const s0 = { ...storage.bridgeStats, ...storage.lockStats };
        const r = loop(k, kind, MS);
        const s = storage.bridgeStats;
        const l = storage.lockStats;
        console.log(
          `| ${kind}, PostgreSQL 1 kernel, ${label} | ${fmt(r.ops / r.wall)} | ${fmt(r.ops / r.cpu)} | ${fmt(r.ops / r.wall / memory.rate, 3)} | ${fmt((s.waits - s0.waits) / r.ops, 2)} | ${fmt((s.statements - s0.statements) / r.ops, 2)} | ${fmt((l.heldMs - s0.heldMs) / r.ops, 2)} ms |`,
        );
        k.close();
      }
      const schema = `bench_${kind}_2p_${process.pid}`;
      schemas.push(schema);
      const url = schemaUrl(base, schema);
      const setup = await createKernel({ storage: url });
      populate(setup);
      setup.close();
      for (const n of [1, 2]) {
        const startAt = Date.now() + 4000;
        const runs = Array.from({ length: n }, () => runChild(url, kind, startAt));
        const c = combine(await Promise.all(runs));
        console.log(
          `| ${kind}, PostgreSQL ${n} kernel process${n > 1 ? "es" : ""} | ${fmt(c.rate)} | ${fmt(c.r.ops / c.r.cpu)} | ${fmt(c.rate / memory.rate, 3)} | ${fmt(c.perOp(c.r.waits), 2)} | ${fmt(c.perOp(c.r.statements), 2)} | ${fmt(c.perOp(c.r.lockMs), 2)} ms |`,
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  }
  const cpu = process.cpuUsage();
  console.log(
    `\nload average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}; this process's CPU ${fmt((cpu.user + cpu.system) / 1e6, 1)} s`,
  );
}

if (process.argv[2] === "--child") {
  const [, , , url, kind, ms, startAt] = process.argv;
  await child(url as string, kind as Kind, Number(ms), Number(startAt));
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await postgresBench();
}
