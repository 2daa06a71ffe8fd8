import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_LIMITS, type Kernel } from "@ecology/kernel";
import { type BenchRow, ratioRow } from "../bench-json.js";
import { compile } from "../compile.js";
import { type Sample, warmUp } from "../measure.js";
import type { Suite, SuiteOptions, SuiteOutput } from "../suite.js";
import { deployOrThrow, fundedKernel, measureCall, useOf } from "./kernel-fixture.js";

const PADDED = new URL("../../contracts/padded-service.ts", import.meta.url);
const ENTRY_ARTIFACTS = new URL("../../contracts/entry-artifacts-service.ts", import.meta.url);
/** Entries the entry-artifact contract writes per `fill` call. */
const FILL_CHUNK = 500;
/** Target state sizes; the last stays just under the kernel's 1 MiB state cap. */
const TARGETS_KIB = [1, 4, 16, 64, 256, 1000];

/** JSON bytes of the padded contract's initial state with `count` entries (as its `init` builds it). */
function stateBytes(count: number): number {
  const entries = Array.from({ length: count }, (_, i) => ({ id: `entry-${i}`, value: i }));
  return Buffer.byteLength(JSON.stringify({ usage: { uses: {}, total: 0 }, entries }));
}

/** The entry count whose state comes closest to `bytes` from below (entries grow with digits). */
function entriesFor(bytes: number): number {
  let count = Math.floor(bytes / 30);
  for (let i = 0; i < 3; i++) count = Math.floor((count * bytes) / stateBytes(count));
  while (stateBytes(count) > bytes) count -= 1;
  return count;
}

type Point = { bytes: number; memory: Sample; wal: Sample };
/** The largest size's entries kept as data artifacts instead (entry-artifacts-service.ts). */
type Split = { entries: number; memory: Sample; wal: Sample };

async function run({ quick }: SuiteOptions): Promise<SuiteOutput> {
  const code = await compile(PADDED);
  const dir = mkdtempSync(join(tmpdir(), "ecology-bench-state-"));
  const points: Point[] = [];
  let split: Split | undefined;
  try {
    const memory = await fundedKernel(":memory:");
    const wal = await fundedKernel(join(dir, "state.db"));
    for (const [i, kib] of TARGETS_KIB.entries()) {
      const entries = entriesFor(kib * 1024);
      for (const k of [memory, wal]) deployOrThrow(k, `svc${i}`, code, [entries], 1);
      const state = memory.getArtifact(`svc${i}`)?.state;
      const bytes = Buffer.byteLength(JSON.stringify(state));
      if (bytes > DEFAULT_LIMITS.maxStateBytes)
        throw new Error(`state of ${bytes} bytes is over the cap`);
      const rounds = quick ? 3 : 5;
      // The first size pays for compilation otherwise (see PROCESS_WARM_UP_MS).
      if (i === 0) for (const k of [memory, wal]) await warmUp(useOf(k, `svc${i}`));
      points.push({
        bytes,
        memory: await measureCall(useOf(memory, `svc${i}`), rounds),
        wal: await measureCall(useOf(wal, `svc${i}`), rounds),
      });
    }
    split = await measureSplit(memory, wal, entriesFor(lastTarget() * 1024), quick ? 3 : 5);
    for (const k of [memory, wal]) {
      k.checkInvariants();
      k.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return output(points, split);
}

const lastTarget = () => TARGETS_KIB[TARGETS_KIB.length - 1] as number;

/**
 * The largest size's entries as data artifacts of one contract (written in chunks by `fill`),
 * measured on both kernels: the cost of a call that reads one entry instead of carrying all.
 */
async function measureSplit(
  memory: Kernel,
  wal: Kernel,
  entries: number,
  rounds: number,
): Promise<Split> {
  const code = await compile(ENTRY_ARTIFACTS);
  for (const k of [memory, wal]) {
    deployOrThrow(k, "split", code, [], 1);
    for (let from = 0; from < entries; from += FILL_CHUNK) {
      const env = k.invoke("provider", "split", "fill", [
        from,
        Math.min(entries, from + FILL_CHUNK),
      ]);
      if (!env.success)
        throw new Error(`split.fill failed: ${env.error.code} ${env.error.message}`);
    }
  }
  return {
    entries,
    memory: await measureCall(useOf(memory, "split"), rounds),
    wal: await measureCall(useOf(wal, "split"), rounds),
  };
}

const kib = (bytes: number) => `${Number((bytes / 1024).toPrecision(3))} KiB`;
const round = (n: number) => Number(n.toPrecision(3));

function output(points: Point[], split: Split | undefined): SuiteOutput {
  const first = points[0] as Point;
  const last = points[points.length - 1] as Point;
  const rows: BenchRow[] = points.flatMap((p) => [
    ratioRow(
      `state ${kib(p.bytes)}, in memory: CPU time per invoke`,
      p.memory.cpuUs,
      first.memory.cpuUs,
      "µs",
      kib(first.bytes),
    ),
    ratioRow(
      `state ${kib(p.bytes)}, WAL file: CPU time per invoke`,
      p.wal.cpuUs,
      first.wal.cpuUs,
      "µs",
      kib(first.bytes),
    ),
  ]);
  if (split !== undefined) rows.push(...splitRows(split, first, last));
  const series = (name: string, pick: (p: Point) => Sample) => ({
    name,
    points: points.map((p) => ({ x: round(p.bytes / 1024), y: round(pick(p).cpuUs) })),
  });
  return {
    title: "Growth with contract state: 1 KiB → 1 MiB",
    rows,
    notes: [
      "Each size is its own contract (bench/contracts/padded-service.ts): `use` counts the caller's use and logs an event, as the pay-per-use pattern does, while its state carries padding entries (about 30 bytes of JSON each); the state is loaded into the sandbox and stored back on every call.",
      "The largest size stays under the kernel's 1 MiB state cap (`maxStateBytes`).",
      "The last rows keep the largest size's entries out of the state: each is its own data artifact written by the contract (bench/contracts/entry-artifacts-service.ts), and `use` reads one of them. Only what a call reads crosses into the sandbox.",
    ],
    chart: {
      kind: "line",
      title: "Invoke cost by contract state size (CPU time)",
      xAxis: "state size, KiB (log scale)",
      yAxis: "CPU µs per invoke (log scale)",
      xScale: "log",
      yScale: "log",
      series: [series("in memory", (p) => p.memory), series("WAL file", (p) => p.wal)],
    },
  };
}

/**
 * The entry-artifact rows: beside the 1 KiB call, and the largest state's call beside them (how
 * many times more carrying the same entries in state costs).
 */
function splitRows(split: Split, first: Point, last: Point): BenchRow[] {
  const entries = `${split.entries.toLocaleString("en-US")} entries as data artifacts, one read per call`;
  const inState = `the same entries in state (${kib(last.bytes)})`;
  const rows: [string, keyof Omit<Split, "entries">][] = [
    ["in memory", "memory"],
    ["WAL file", "wal"],
  ];
  return rows.flatMap(([where, key]) => [
    ratioRow(
      `${entries}, ${where}: CPU time per invoke`,
      split[key].cpuUs,
      first[key].cpuUs,
      "µs",
      kib(first.bytes),
    ),
    ratioRow(
      `${inState}, ${where}: CPU time per invoke`,
      last[key].cpuUs,
      split[key].cpuUs,
      "µs",
      "as data artifacts",
    ),
  ]);
}

/** How an invoke's cost grows with the size of the contract's state. */
export const stateSuite: Suite = {
  id: "state",
  intro:
    "A pay-per-use call on contracts whose state ranges from 1 KiB to just under the 1 MiB cap; the ratio column is the cost at each size over the cost at 1 KiB, in the same run.",
  run,
};
