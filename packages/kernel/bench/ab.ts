// A/B of two builds of the kernel in one process (issue 19): a pay-per-use invoke and a ledger
// transfer on each, rounds interleaved A B, B A, A B … so that load falls on both alike. Each side
// is a dist layout made by `bench/layout-dist.sh` (the built packages, as users get them):
//   tsx bench/ab.ts <before-dir> <after-dir>
import { loadavg } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Kernel } from "../src/index.js";
import { contract } from "../src/test-fixtures/contracts.js";
import { SERVICE_JS } from "./composition-parts.js";

const [beforeDir, afterDir] = process.argv.slice(2);
if (!beforeDir || !afterDir) throw new Error("usage: tsx bench/ab.ts <before-dir> <after-dir>");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 11);

async function economy(dir: string): Promise<Kernel> {
  const entry = join(dir, "node_modules/@ecology/kernel/dist/index.js");
  const { createKernel } = (await import(
    pathToFileURL(entry).href
  )) as typeof import("../src/index.js");
  const k = await createKernel({ clock: () => 1_700_000_000_000 });
  k.createPrincipal("a", { scrip: 1e15 });
  k.createPrincipal("b", { scrip: 1e15 });
  const code = contract(SERVICE_JS, { methods: { use: 0 } });
  if (!k.deploy("b", { id: "svc", code, policy: { invokePrice: 1 } }).success)
    throw new Error("deploy");
  return k;
}

function cpuMicros(fn: () => void, n: number): number {
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / n;
}

const sides = { before: await economy(beforeDir), after: await economy(afterDir) };
const ops = {
  "pay-per-use invoke": { n: 1000, run: (k: Kernel) => k.invoke("a", "svc", "use", []) },
  "ledger transfer": {
    n: 3000,
    run: (k: Kernel) => k.invoke("a", "genesis_ledger", "transfer", ["b", 1]),
  },
};
const samples: Record<string, number[]> = {};
for (const { n, run } of Object.values(ops))
  for (const k of Object.values(sides)) for (let i = 0; i < n / 2; i++) run(k);
for (let r = 0; r < ROUNDS; r++)
  // A B, then B A: whichever side runs second in a round is not always the same one.
  for (const [op, { n, run }] of Object.entries(ops))
    for (const [side, k] of r % 2 === 0 ? Object.entries(sides) : Object.entries(sides).reverse()) {
      const key = `${op} ${side}`;
      samples[key] ??= [];
      samples[key].push(cpuMicros(() => void run(k), n));
    }
const median = (xs: number[] = []) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}, ${ROUNDS} interleaved rounds, median CPU µs/op`,
);
console.log("| operation | before | after | after ÷ before |\n|---|---|---|---|");
for (const op of Object.keys(ops)) {
  const b = median(samples[`${op} before`]);
  const a = median(samples[`${op} after`]);
  console.log(`| ${op} | ${b.toFixed(1)} | ${a.toFixed(1)} | ${(a / b).toFixed(3)} |`);
}
for (const k of Object.values(sides)) {
  k.checkInvariants();
  k.close();
}
