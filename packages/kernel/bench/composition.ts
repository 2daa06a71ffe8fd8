// Composition overhead (issue 19): a pay-per-use invoke and a ledger transfer, each timed whole
// and part by part in one process and one run, rounds interleaved so that load on a shared
// machine falls on all of them alike. Prints whole ÷ sum of parts, and the parts run together
// (one after another in each call, as in the whole) beside them alone: what the parts cost each
// other through the CPU's caches, apart from what the kernel adds. `pnpm bench:composition`
// in packages/kernel; `--json` prints one object for reports.
import { execSync } from "node:child_process";
import { loadavg } from "node:os";
import { createKernel } from "../src/index.js";
import { contract } from "../src/test-fixtures/contracts.js";
import {
  bareSqlite,
  eventsPart,
  journalPart,
  jsonPart,
  type Part,
  PPU_WRITES,
  SERVICE_JS,
  sandboxRun,
  TRANSFER_WRITES,
  vmRun,
} from "./composition-parts.js";

/** One row of the report (the shape h19a's report embeds). */
interface Row {
  name: string;
  value: number;
  unit: string;
  /** The baseline measured in the same run, in `unit`, and what it is. */
  baseline?: number;
  baselineName?: string;
  ratio?: number;
}

/** One call runs every part once, in order. */
function together(parts: Part[]): Part {
  return () => {
    for (const part of parts) part();
  };
}

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const json = process.argv.includes("--json");

/** CPU microseconds per call of `fn` over `n` calls (steadier than wall time when shared). */
function cpuMicros(fn: Part, n: number): number {
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / n;
}

/** Runs every part `ROUNDS` times, interleaved; returns each one's median µs per call. */
function measure(parts: Record<string, { fn: Part; n: number }>): Record<string, number> {
  const samples: Record<string, number[]> = {};
  for (const [name, { fn, n }] of Object.entries(parts)) {
    for (let i = 0; i < Math.ceil(n / 4); i++) fn();
    samples[name] = [];
  }
  for (let r = 0; r < ROUNDS; r++)
    for (const [name, { fn, n }] of Object.entries(parts)) samples[name]?.push(cpuMicros(fn, n));
  const medians: Record<string, number> = {};
  for (const [name, s] of Object.entries(samples)) {
    const sorted = [...s].sort((a, b) => a - b);
    medians[name] = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  }
  return medians;
}

async function main(): Promise<Row[]> {
  const k = await createKernel({ clock: () => 1_700_000_000_000 });
  k.createPrincipal("a", { scrip: 1e15 });
  k.createPrincipal("b", { scrip: 1e15 });
  const code = contract(SERVICE_JS, { methods: { use: 0 } });
  const deployed = k.deploy("b", { id: "svc", code, policy: { invokePrice: 1 } });
  if (!deployed.success) throw new Error(deployed.error.message);
  const must = (e: { success: boolean }) => {
    if (!e.success) throw new Error(JSON.stringify(e));
  };
  const ppuSql = bareSqlite(PPU_WRITES);
  const transferSql = bareSqlite(TRANSFER_WRITES);
  const sandbox = await sandboxRun();
  const ppuEvents = [
    { type: "scrip.transferred", data: { from: "a", to: "b", amount: 1, reason: "price svc.use" } },
    { type: "contract.used", data: { by: "a" } },
    {
      type: "invoke.succeeded",
      data: { method: "use", price: 1, value: 0, compute: 1234, depth: 1 },
    },
  ];
  // The same parts again, one after another in each call as in the whole operation: the
  // difference from the sum of the parts alone is what they cost each other (caches, TLB),
  // which no cut of the kernel's own code removes.
  const ppuSqlTogether = bareSqlite(PPU_WRITES);
  const transferSqlTogether = bareSqlite(TRANSFER_WRITES);
  const sandboxTogether = await sandboxRun();
  const ppuTogether = together([
    ppuSqlTogether.part,
    sandboxTogether.part,
    eventsPart(ppuEvents, 1),
    journalPart(PPU_WRITES.params, true),
    jsonPart([], '{"uses":1}'),
  ]);
  const transferTogether = together([
    transferSqlTogether.part,
    eventsPart(ppuEvents.slice(0, 1), 0),
    journalPart(TRANSFER_WRITES.params, false),
    jsonPart(["b", 1], null),
  ]);
  const m = measure({
    "ppu whole": { fn: () => must(k.invoke("a", "svc", "use", [])), n: 1000 },
    "ppu together": { fn: ppuTogether, n: 1000 },
    "transfer together": { fn: transferTogether, n: 3000 },
    "ppu sqlite": { fn: ppuSql.part, n: 4000 },
    "ppu sandbox": { fn: sandbox.part, n: 1000 },
    "ppu events": { fn: eventsPart(ppuEvents, 1), n: 4000 },
    "ppu journal": { fn: journalPart(PPU_WRITES.params, true), n: 4000 },
    "ppu json": { fn: jsonPart([], '{"uses":1}'), n: 4000 },
    "transfer whole": {
      fn: () => must(k.invoke("a", "genesis_ledger", "transfer", ["b", 1])),
      n: 3000,
    },
    "transfer sqlite": { fn: transferSql.part, n: 4000 },
    "transfer events": { fn: eventsPart(ppuEvents.slice(0, 1), 0), n: 4000 },
    "transfer journal": { fn: journalPart(TRANSFER_WRITES.params, false), n: 4000 },
    "transfer json": { fn: jsonPart(["b", 1], null), n: 4000 },
    "node:vm same method": { fn: await vmRun(), n: 4000 },
  });
  k.checkInvariants();
  k.close();
  for (const db of [ppuSql, transferSql, ppuSqlTogether, transferSqlTogether]) db.close();
  return rowsOf(m);
}

const us = (name: string, value: number, extra: Partial<Row> = {}): Row => ({
  name,
  value: Number(value.toFixed(2)),
  unit: "µs CPU/op",
  ...extra,
});
const ratio = (a: number, b: number) => Number((a / b).toFixed(2));
const round = (v: number) => Number(v.toFixed(2));

function rowsOf(m: Record<string, number>): Row[] {
  const g = (k: string) => m[k] ?? Number.NaN;
  const ppuParts = ["ppu sqlite", "ppu sandbox", "ppu events", "ppu journal", "ppu json"];
  const ppuSum = ppuParts.reduce((s, k) => s + g(k), 0);
  const trParts = ["transfer sqlite", "transfer events", "transfer journal", "transfer json"];
  const trSum = trParts.reduce((s, k) => s + g(k), 0);
  return [
    us("pay-per-use invoke (whole, memory)", g("ppu whole")),
    ...ppuParts.map((k) => us(`  part: ${k.slice(4)}`, g(k))),
    us("  sum of parts", ppuSum),
    us("pay-per-use: whole ÷ sum of parts", g("ppu whole"), {
      baseline: round(ppuSum),
      baselineName: "sum of parts",
      ratio: ratio(g("ppu whole"), ppuSum),
    }),
    us("pay-per-use: parts run together ÷ alone", g("ppu together"), {
      baseline: round(ppuSum),
      baselineName: "sum of parts alone",
      ratio: ratio(g("ppu together"), ppuSum),
    }),
    us("pay-per-use: whole ÷ parts run together", g("ppu whole"), {
      baseline: round(g("ppu together")),
      baselineName: "parts run together",
      ratio: ratio(g("ppu whole"), g("ppu together")),
    }),
    us("ledger transfer (whole, memory)", g("transfer whole")),
    ...trParts.map((k) => us(`  part: ${k.slice(9)}`, g(k))),
    us("ledger transfer: whole ÷ bare SQLite transaction", g("transfer whole"), {
      baseline: round(g("transfer sqlite")),
      baselineName: "bare SQLite transaction",
      ratio: ratio(g("transfer whole"), g("transfer sqlite")),
    }),
    us("ledger transfer: whole ÷ sum of parts", g("transfer whole"), {
      baseline: round(trSum),
      baselineName: "sum of parts",
      ratio: ratio(g("transfer whole"), trSum),
    }),
    us("ledger transfer: parts run together ÷ alone", g("transfer together"), {
      baseline: round(trSum),
      baselineName: "sum of parts alone",
      ratio: ratio(g("transfer together"), trSum),
    }),
    us("ledger transfer: whole ÷ parts run together", g("transfer whole"), {
      baseline: round(g("transfer together")),
      baselineName: "parts run together",
      ratio: ratio(g("transfer whole"), g("transfer together")),
    }),
    us("warm sandbox run ÷ node:vm, same method", g("ppu sandbox"), {
      baseline: round(g("node:vm same method")),
      baselineName: "node:vm",
      ratio: ratio(g("ppu sandbox"), g("node:vm same method")),
    }),
  ];
}

function commit(): string {
  try {
    return execSync("git rev-parse --short HEAD", { encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}

const cpu0 = process.cpuUsage();
const rows = await main();
const cpu = process.cpuUsage(cpu0);
const notes = [
  `commit ${commit()}, node ${process.version}, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(
      " ",
    )}, CPU time ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, ${ROUNDS} interleaved rounds (median)`,
  "targets: pay-per-use ≤ 1.3× its parts; transfer ≤ 1.5× its bare SQLite transaction; sandbox ≤ 20× node:vm",
];
if (json) {
  console.log(JSON.stringify({ title: "Invoke composition overhead", rows, notes }));
} else {
  console.log(notes.join("\n"));
  console.log("\n| measure | µs CPU/op | baseline | ratio |\n|---|---|---|---|");
  for (const r of rows)
    console.log(
      `| ${r.name} | ${r.value.toFixed(2)} | ${r.baseline === undefined ? "" : `${r.baselineName} ${r.baseline} µs`} | ${r.ratio ?? ""} |`,
    );
}
