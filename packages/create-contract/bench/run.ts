import { rmSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import {
  packWorkspace,
  type Ran,
  run,
  useTarballs,
} from "../src/test-fixtures/packed-workspace.js";

/**
 * Scaffold + install + first green test for one template, from the packed packages, in a temp
 * folder outside the repository (the user's first minute). Packing is setup, not measured.
 * BENCH_TEMPLATE (default pool) and BENCH_RUNS (default 3) tune it.
 */
const template = process.env.BENCH_TEMPLATE ?? "pool";
const runs = Number(process.env.BENCH_RUNS ?? 3);

const packed = packWorkspace();
const rows: { scaffold: number; install: number; test: number; total: number }[] = [];
for (let i = 0; i < runs; i++) {
  const dir = join(packed.work, `${template}-${i}`);
  const args = [dir, "-t", template, "-p", "pnpm", "--no-install", "--yes"];
  const scaffold = run(packed.scaffolder, args, packed.work);
  // The registry stand-in: @ecology/* from the tarballs; the rest from the pnpm store or registry.
  useTarballs(dir, packed.tarballs);
  const install = run("pnpm", ["install", "--prefer-offline"], dir);
  const test: Ran = run("pnpm", ["test"], dir);
  const total = scaffold.ms + install.ms + test.ms;
  rows.push({ scaffold: scaffold.ms, install: install.ms, test: test.ms, total });
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
process.stdout.write(
  `create-contract ${template}: scaffold + pnpm install + first green test ` +
    `(${cpus().length} cores, Node ${process.version})\n`,
);
for (const [i, r] of rows.entries()) {
  process.stdout.write(
    `  run ${i + 1}: scaffold ${s(r.scaffold)}, install ${s(r.install)}, test ${s(r.test)}, total ${s(r.total)}\n`,
  );
}
process.stdout.write(`  median total ${s(median(rows.map((r) => r.total)))} (target ≤ 60 s)\n`);
rmSync(packed.work, { recursive: true, force: true });
