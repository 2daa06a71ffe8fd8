import { DEFAULT_LIMITS, type Kernel } from "@ecology/kernel";
import { type BenchRow, ratioRow } from "../bench-json.js";
import { compile } from "../compile.js";
import { type Sample, warmUp } from "../measure.js";
import type { Suite, SuiteOptions, SuiteOutput } from "../suite.js";
import { deployOrThrow, fundedKernel, measureCall, useOf } from "./kernel-fixture.js";

const PADDED = new URL("../../contracts/padded-service.ts", import.meta.url);
const RELAY = new URL("../../contracts/relay.ts", import.meta.url);

/**
 * Deploys the paid service and a chain of relays in front of it: invoking `hop<d>` runs `d`
 * frames (d − 1 relays, then the service). Returns the deepest entry point the kernel accepts.
 */
async function deployChain(kernel: Kernel, maxDepth: number): Promise<number> {
  const [service, relay] = [await compile(PADDED), await compile(RELAY)];
  deployOrThrow(kernel, "hop1", service, [0], 1);
  for (let d = 2; d <= maxDepth; d++) {
    deployOrThrow(kernel, `hop${d}`, relay, [`hop${d - 1}`]);
    // A nested call's price is paid by its immediate caller: the relay next to the service.
    kernel.invoke("consumer", "genesis_ledger", "transfer", [`hop${d}`, 1e12]);
  }
  for (let d = maxDepth; d >= 1; d--) {
    const env = kernel.invoke("consumer", `hop${d}`, "use", []);
    if (env.success) return d;
    if (env.error.code !== "depth_exceeded")
      throw new Error(`hop${d}.use failed: ${env.error.code} ${env.error.message}`);
  }
  throw new Error("no call chain succeeded");
}

async function run({ quick }: SuiteOptions): Promise<SuiteOutput> {
  const kernel = await fundedKernel(":memory:");
  const deepest = await deployChain(kernel, DEFAULT_LIMITS.maxDepth);
  const points: { depth: number; cost: Sample }[] = [];
  // The deepest chain runs every frame the shallower ones do (see PROCESS_WARM_UP_MS).
  await warmUp(useOf(kernel, `hop${deepest}`));
  for (let d = 1; d <= deepest; d++)
    points.push({ depth: d, cost: await measureCall(useOf(kernel, `hop${d}`), quick ? 3 : 5) });
  kernel.checkInvariants();
  kernel.close();
  const first = points[0] as { cost: Sample };
  const rows: BenchRow[] = points.map((p) =>
    ratioRow(
      `call depth ${p.depth}: CPU time per top-level invoke`,
      p.cost.cpuUs,
      first.cost.cpuUs,
      "µs",
      "depth 1",
    ),
  );
  return {
    title: `Growth with call depth: 1 → ${deepest}`,
    rows,
    notes: [
      `Depth d is one top-level invoke running d frames: d − 1 relays (bench/contracts/relay.ts, each \`ctx.call\`s the next, a savepoint each) and the paid service at the bottom. ${deepest} is the deepest chain the kernel accepts with its default \`maxDepth\` of ${DEFAULT_LIMITS.maxDepth}.`,
      "Kernel in memory; each figure is the median of batches of about 300 ms.",
    ],
    chart: {
      kind: "line",
      title: "Invoke cost by call depth (CPU time, in memory)",
      xAxis: "frames in the call (depth)",
      yAxis: "CPU µs per top-level invoke",
      series: [
        {
          name: "CPU time",
          points: points.map((p) => ({ x: p.depth, y: Number(p.cost.cpuUs.toPrecision(3)) })),
        },
      ],
    },
  };
}

/** How an invoke's cost grows with the depth of nested calls. */
export const depthSuite: Suite = {
  id: "depth",
  intro:
    "One top-level invoke through a chain of contracts, from a direct call (depth 1) to the deepest the kernel allows; the ratio column is the cost at each depth over depth 1, in the same run.",
  run,
};
