// SDK compiler benchmarks: a contract compile from scratch (first in the process, then with
// TypeScript's lib files already parsed) and a cache hit. Run with `pnpm bench` in packages/sdk.
import { cpus } from "node:os";
import { join } from "node:path";
import { Bench } from "tinybench";
import { clearCompileCache, compileContract } from "../src/compiler/index.js";

const fixtures = join(import.meta.dirname, "..", "src", "compiler", "test-fixtures");
const counter = join(fixtures, "counter.ts");
const composed = join(fixtures, "signatures.ts");

async function compileOrThrow(file: string, cache = true) {
  const built = await compileContract(file, { cache });
  if (!built.ok) throw new Error(built.diagnostics.map((d) => d.message).join("\n"));
  return built;
}

const start = performance.now();
await compileOrThrow(counter);
const first = performance.now() - start;

const bench = new Bench({ time: 3000, iterations: 5 });
bench
  .add("compile counter.ts, no cache (libs warm)", async () => {
    clearCompileCache();
    await compileOrThrow(counter, false);
  })
  .add("compile signatures.ts (composed, 7 callables), no cache", async () => {
    await compileOrThrow(composed, false);
  })
  .add("compile counter.ts, content-hash cache hit", async () => {
    await compileOrThrow(counter);
  });
await bench.run();

console.log(
  `machine: ${cpus().length} cores, ${cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}`,
);
console.log(
  `first compile in a fresh process (parses TypeScript's lib files): ${first.toFixed(0)} ms`,
);
for (const task of bench.tasks) {
  const r = task.result as { latency?: { mean: number; p50: number } } | undefined;
  const mean = r?.latency?.mean ?? Number.NaN;
  const p50 = r?.latency?.p50 ?? Number.NaN;
  console.log(`${task.name}: mean ${mean.toFixed(2)} ms, p50 ${p50.toFixed(2)} ms`);
}
