// A/B of two builds in one process (issue 19): a pay-per-use invoke, a ledger transfer and a
// sandbox run of the runtime alone on each, rounds interleaved A B, B A, A B … so that load falls
// on both alike. Each side is a dist layout made by `bench/layout-dist.sh` (the built packages,
// as users get them):
//   tsx bench/ab.ts <before-dir> <after-dir>
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { HostApi, Program, ProgramSource } from "@ecology/runtime";
import type { Kernel } from "../src/index.js";
import { contract } from "../src/test-fixtures/contracts.js";
import { type Part, SERVICE_JS, sandboxRun } from "./composition-parts.js";

const [beforeDir, afterDir] = process.argv.slice(2);
if (!beforeDir || !afterDir) throw new Error("usage: tsx bench/ab.ts <before-dir> <after-dir>");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 11);

/** What one side measures: its kernel, and programs loaded by its runtime alone. */
interface Side {
  kernel: Kernel;
  program: Program;
  /** The kernel's sandbox run alone (contract + dispatcher), as in composition.ts. */
  dispatched: Part;
}

const METHOD = `module.exports.use = (input, host) => {
  const state = input.state; state.uses = (state.uses || 0) + 1;
  host.emit("used", { by: input.caller });
  return { result: state.uses, state };
};`;
const host: HostApi = { emit: () => null };

async function side(dir: string): Promise<Side> {
  const entry = join(dir, "node_modules/@ecology/runtime/dist/index.js");
  const { createRuntime } = (await import(
    pathToFileURL(entry).href
  )) as typeof import("@ecology/runtime");
  const runtime = await createRuntime();
  const program = runtime.load({ id: "ab", code: METHOD });
  const { part } = await sandboxRun(createRuntime, dispatchedSource(dir));
  return { kernel: await economy(dir), program, dispatched: part };
}

/**
 * The kernel's sandbox program as that side's kernel builds it: the dispatcher as the program's
 * shell (ADR 0044), or, in builds before it, appended to the contract's code.
 */
function dispatchedSource(dir: string): ProgramSource {
  const file = join(dir, "node_modules/@ecology/kernel/dist/invoke/sandbox/dispatcher.js");
  const dispatcher = readFileSync(file, "utf8");
  const base = { id: "svc:bench", filename: "svc.js" };
  return /module\.exports = Object\.freeze\(link\)/.test(dispatcher)
    ? { ...base, code: SERVICE_JS, shell: dispatcher }
    : { ...base, code: `${SERVICE_JS}\n${dispatcher}` };
}

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

const sides = { before: await side(beforeDir), after: await side(afterDir) };
const ops = {
  "pay-per-use invoke": { n: 1000, run: (s: Side) => s.kernel.invoke("a", "svc", "use", []) },
  "ledger transfer": {
    n: 3000,
    run: (s: Side) => s.kernel.invoke("a", "genesis_ledger", "transfer", ["b", 1]),
  },
  "kernel's sandbox run alone (contract + dispatcher)": {
    n: 2000,
    run: (s: Side) => s.dispatched(),
  },
  "sandbox run (runtime alone, 1 host call)": {
    n: 5000,
    run: (s: Side) =>
      s.program.run("use", { state: { uses: 1 }, caller: "a" }, { host, seed: "ab" }),
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
for (const { kernel } of Object.values(sides)) {
  kernel.checkInvariants();
  kernel.close();
}
