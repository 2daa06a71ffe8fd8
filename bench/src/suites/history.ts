import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ContractCode, Kernel } from "@ecology/kernel";
import { type BenchRow, ratioRow } from "../bench-json.js";
import { compile, MARKET_DATA, PRICE, QUOTES } from "../compile.js";
import {
  calibrate,
  interleaved,
  PROCESS_WARM_UP_MS,
  type Sample,
  sampleSync,
  warmUp,
} from "../measure.js";
import { createKernelMarket } from "../peers/kernel-market.js";
import { shortNumber } from "../render/scale.js";
import type { Suite, SuiteOptions, SuiteOutput } from "../suite.js";

const BURST = new URL("../../contracts/history-burst.ts", import.meta.url);
const EVENTS_PER_BURST = 1_000;
const PEOPLE = 20;

/** Grows the event log to at least `target` events with bursts from rotating principals. */
function growTo(kernel: Kernel, count: number, target: number): number {
  let events = count;
  for (let i = 0; events < target; i++) {
    const env = kernel.invoke(`p${i % PEOPLE}`, "burst", "burst", [EVENTS_PER_BURST]);
    if (!env.success) throw new Error(`burst failed: ${env.error.message}`);
    events += env.events.length;
  }
  return events;
}

/** A kernel whose log holds `events` events, with its measured call. */
interface Economy {
  events: number;
  kernel: Kernel;
  invoke: () => void;
}

/** A market kernel on its own WAL file, its log grown to `target` events by bursts. */
async function economyOf(
  file: string,
  market: ContractCode,
  burst: ContractCode,
  target: number,
): Promise<Economy> {
  const m = await createKernelMarket(file, market, PRICE, QUOTES);
  for (let i = 0; i < PEOPLE; i++) m.kernel.createPrincipal(`p${i}`, { scrip: 1e9 });
  m.kernel.deploy("p0", { id: "burst", code: burst });
  const start = (m.kernel.verifyLog() as { count: number }).count;
  return { events: growTo(m.kernel, start, target), kernel: m.kernel, invoke: m.invoke };
}

/**
 * Every size is its own kernel, all built before any is measured and then measured in
 * interleaved rounds (1k, 10k, 100k, 1M, 1k, …): each point sees the same process age, the same
 * compiled code and the same load. Measuring one growing log point by point made the first
 * point pay for compilation that later ones did not (it read up to 1.6× the 1M point even
 * after a 3 s warm-up).
 */
async function run({ quick }: SuiteOptions): Promise<SuiteOutput> {
  const checkpoints = quick ? [1e3, 1e4, 1e5] : [1e3, 1e4, 1e5, 1e6];
  const [market, burst] = [await compile(MARKET_DATA), await compile(BURST)];
  const dir = mkdtempSync(join(tmpdir(), "ecology-bench-history-"));
  const economies: Economy[] = [];
  try {
    const started = performance.now();
    for (const [i, target] of checkpoints.entries())
      economies.push(await economyOf(join(dir, `history-${i}.db`), market, burst, target));
    const buildSeconds = (performance.now() - started) / 1000;
    for (const e of economies) await warmUp(e.invoke, PROCESS_WARM_UP_MS / economies.length);
    const subjects = [];
    for (const e of economies) {
      const ops = await calibrate(e.invoke, 300);
      subjects.push({ name: String(e.events), sample: async () => sampleSync(e.invoke, ops) });
    }
    const costs = await interleaved(subjects, quick ? 3 : 5);
    const points = economies.map((e) => ({
      events: e.events,
      cost: costs.get(String(e.events)) as Sample,
    }));
    for (const e of economies) e.kernel.checkInvariants();
    return output(points, buildSeconds);
  } finally {
    for (const e of economies) e.kernel.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function output(points: { events: number; cost: Sample }[], buildSeconds: number): SuiteOutput {
  const first = points[0] as { events: number; cost: Sample };
  const label = (events: number) => `${shortNumber(Number(events.toPrecision(2)))} events`;
  const rows: BenchRow[] = points.flatMap((p) => [
    ratioRow(
      `pay-per-use invoke at ${label(p.events)}: CPU time`,
      p.cost.cpuUs,
      first.cost.cpuUs,
      "µs",
      label(first.events),
    ),
    ratioRow(
      `pay-per-use invoke at ${label(p.events)}: wall time`,
      p.cost.wallUs,
      first.cost.wallUs,
      "µs",
      label(first.events),
    ),
  ]);
  const total = points.reduce((sum, p) => sum + p.events, 0);
  return {
    title: "Growth with history: 1k → 1M events",
    rows,
    notes: [
      `History built with calls logging ${EVENTS_PER_BURST.toLocaleString("en-US")} events each (hash-chained and indexed like any event) from ${PEOPLE} principals: ${total.toLocaleString("en-US")} events over all the kernels in ${buildSeconds.toFixed(0)} s.`,
      "One kernel per size, each on its own WAL file (the server's storage), all built first, warmed up for 3 s in all, then measured in interleaved rounds; each figure is the median of batches of about 300 ms.",
    ],
    chart: {
      kind: "line",
      title: "Pay-per-use invoke cost as history grows (WAL file)",
      xAxis: "events in the log (log scale)",
      yAxis: "µs per invoke",
      xScale: "log",
      series: [
        { name: "CPU time", points: points.map((p) => ({ x: p.events, y: round(p.cost.cpuUs) })) },
        {
          name: "wall time",
          points: points.map((p) => ({ x: p.events, y: round(p.cost.wallUs) })),
        },
      ],
    },
  };
}

const round = (n: number) => Number(n.toPrecision(3));

/** How a pay-per-use invoke's cost grows with the number of events already in the log. */
export const historySuite: Suite = {
  id: "history",
  intro:
    "The same pay-per-use invoke on one kernel (WAL file) as its event log grows from a thousand to a million events; the ratio column is the cost at each size over the cost at the smallest, in the same run.",
  run,
};
