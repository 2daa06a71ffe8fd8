// Snapshot/restore benchmark of @ecology/testing (issue 6: target ≤ 5 ms each with 1,000
// artifacts and 10,000 events). Run with `pnpm bench` in packages/testing.
import { cpus, loadavg } from "node:os";
import { Bench } from "tinybench";
import { loadContract } from "../src/contract-source.js";
import { createTestKernel } from "../src/index.js";

const ARTIFACTS = 1_000;
const EVENTS = 10_000;

async function world() {
  // Invariants are off: the bench measures snapshots, not the checks, and builds fast.
  const k = await createTestKernel({ builtInInvariants: false });
  const ids = Array.from({ length: 20 }, (_, i) => `p${i}`);
  for (const id of ids) k.principal(id, { scrip: 1_000_000 });
  const counter = await loadContract(new URL("../src/test-fixtures/counter.ts", import.meta.url));
  for (let i = 0; i < ARTIFACTS; i++) {
    const owner = ids[i % ids.length] as string;
    const env =
      i % 10 === 0
        ? k.kernel.deploy(owner, { id: `c${i}`, code: counter, args: [60_000] })
        : k.kernel.write(owner, `d${i}`, { n: i, text: "x".repeat(64) });
    if (!env.success) throw new Error(env.error.message);
  }
  let events = k.events().length;
  for (let i = 0; events < EVENTS; i++) {
    const from = ids[i % ids.length] as string;
    const to = ids[(i + 7) % ids.length] as string;
    const env = k.kernel.invoke(from, "genesis_ledger", "transfer", [to, 1]);
    if (!env.success) throw new Error(env.error.message);
    events += env.events.length;
  }
  return k;
}

const k = await world();
const events = k.events().length;
const snap = k.snapshot();
// Each task starts from a collected heap (when run with --expose-gc, as `pnpm bench` does), so
// the garbage one task leaves (3.7 MiB buffers) is not billed to the next.
const collect = (globalThis as { gc?: () => void }).gc ?? (() => {});
const bench = new Bench({ time: 2_000, warmupTime: 300, setup: () => collect() });
bench
  .add("snapshot", () => {
    k.snapshot();
  })
  .add("restore", () => {
    k.restore(snap);
  })
  .add("snapshot + restore", () => {
    k.restore(k.snapshot());
  });
await bench.run();

/** CPU time (user + system) per call: on a machine shared with other jobs, wall time mostly
 * measures waiting for a core; CPU time measures the work. */
function cpuMsPerCall(fn: () => void, calls = 200): number {
  collect();
  const start = process.cpuUsage();
  for (let i = 0; i < calls; i++) fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / calls;
}

const cpuTimes = new Map<string, number>([
  ["snapshot", cpuMsPerCall(() => k.snapshot())],
  ["restore", cpuMsPerCall(() => k.restore(snap))],
  ["snapshot + restore", cpuMsPerCall(() => k.restore(k.snapshot()))],
]);

const cpu = cpus();
const [load1] = loadavg();
console.log(
  `machine: ${cpu.length} × ${cpu[0]?.model ?? "cpu"}, Node ${process.version}, load ${load1?.toFixed(1)}\n` +
    `world: ${ARTIFACTS} artifacts (${ARTIFACTS / 10} of them contracts), ` +
    `${events} events, snapshot ${(snap.bytes / 1024 / 1024).toFixed(1)} MiB\n`,
);
for (const task of bench.tasks) {
  const r = task.result as
    | { latency?: { mean: number; min?: number; p50?: number; p99?: number } }
    | undefined;
  const l = r?.latency;
  if (!l) continue;
  const ms = (x: number | undefined) => (x === undefined ? "?" : x.toFixed(2));
  console.log(
    `${task.name.padEnd(20)} cpu ${ms(cpuTimes.get(task.name))} ms   wall: min ${ms(l.min)} ms   p50 ${ms(l.p50)} ms   mean ${ms(l.mean)} ms   p99 ${ms(l.p99)} ms`,
  );
}
k.close();
