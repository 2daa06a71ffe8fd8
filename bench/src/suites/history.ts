import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ContractCode, Kernel } from "@ecology/kernel";
import { type BenchRow, ratioRow } from "../bench-json.js";
import { compile, MARKET_DATA, PRICE, QUOTES } from "../compile.js";
import { calibrate, interleaved, type Sample, sampleSync, warmUp } from "../measure.js";
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

async function measureAt(invoke: () => void, rounds: number): Promise<Sample> {
  const ops = await calibrate(invoke, 300);
  const cost = await interleaved(
    [{ name: "invoke", sample: async () => sampleSync(invoke, ops) }],
    rounds,
  );
  return cost.get("invoke") as Sample;
}

/**
 * Warms the process up on a scratch in-memory kernel with the same market, so the first point
 * does not pay for compilation (see PROCESS_WARM_UP_MS) and the measured log is not grown.
 */
async function warmProcess(market: ContractCode): Promise<void> {
  const scratch = await createKernelMarket(":memory:", market, PRICE, QUOTES);
  await warmUp(scratch.invoke);
  scratch.kernel.close();
}

async function run({ quick }: SuiteOptions): Promise<SuiteOutput> {
  const checkpoints = quick ? [1e3, 1e4, 1e5] : [1e3, 1e4, 1e5, 1e6];
  const [market, burst] = [await compile(MARKET_DATA), await compile(BURST)];
  const dir = mkdtempSync(join(tmpdir(), "ecology-bench-history-"));
  const points: { events: number; cost: Sample }[] = [];
  let buildSeconds = 0;
  try {
    const m = await createKernelMarket(join(dir, "history.db"), market, PRICE, QUOTES);
    for (let i = 0; i < PEOPLE; i++) m.kernel.createPrincipal(`p${i}`, { scrip: 1e9 });
    m.kernel.deploy("p0", { id: "burst", code: burst });
    let events = (m.kernel.verifyLog() as { count: number }).count;
    await warmProcess(market);
    for (const target of checkpoints) {
      const started = performance.now();
      events = growTo(m.kernel, events, target);
      buildSeconds += (performance.now() - started) / 1000;
      points.push({ events, cost: await measureAt(m.invoke, quick ? 3 : 5) });
    }
    m.kernel.checkInvariants();
    m.kernel.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return output(points, buildSeconds);
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
  const total = (points.at(-1) as { events: number }).events;
  return {
    title: "Growth with history: 1k → 1M events",
    rows,
    notes: [
      `History built with calls logging ${EVENTS_PER_BURST.toLocaleString("en-US")} events each (hash-chained and indexed like any event) from ${PEOPLE} principals: ${total.toLocaleString("en-US")} events in ${buildSeconds.toFixed(0)} s.`,
      "Kernel on a WAL file (the server's storage). The process is warmed up for 3 s on a scratch kernel first (JIT and WebAssembly tier-up); each figure is the median of batches of about 300 ms.",
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
