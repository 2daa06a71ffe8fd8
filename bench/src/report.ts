// `pnpm bench:report [--quick]`: runs every suite of this package and the other packages' JSON
// bench scripts, each in a process of its own, then writes docs/performance.md and
// docs/images/perf-*.svg. Progress goes to stderr.
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { parseBenchJson } from "./bench-json.js";
import { renderChart } from "./render/chart.js";
import { type ReportSection, renderReport, type SkippedSection } from "./render/markdown.js";
import { cpuSecondsWithChildren, gitState } from "./run-info.js";
import { JSON_SCRIPTS, ROOT, runJsonScript, runTsx } from "./scripts.js";
import type { Suite, SuiteOutput } from "./suite.js";
import { SUITES } from "./suites/all.js";

/** Runs one suite in a process of its own and writes its chart; a failure becomes a skip. */
async function runSuite(suite: Suite, quick: boolean): Promise<ReportSection | SkippedSection> {
  const source = `pnpm --filter @ecology/bench exec tsx src/run-suite.ts ${suite.id}`;
  const args = [suite.id, "--json", ...(quick ? ["--quick"] : [])];
  let output: SuiteOutput;
  try {
    const stdout = await runTsx(join(ROOT, "bench/src/run-suite.ts"), args, join(ROOT, "bench"));
    output = parseBenchJson(stdout) as SuiteOutput;
  } catch (error) {
    return { title: `Suite ${suite.id}`, source, reason: `it failed: ${(error as Error).message}` };
  }
  const section: ReportSection = { json: output, source, intro: suite.intro };
  if (output.chart) {
    const path = `images/perf-${suite.id}.svg`;
    writeFileSync(join(ROOT, "docs", path), renderChart(output.chart));
    section.chart = { path, alt: output.chart.title };
  }
  return section;
}

/** Every suite, then every JSON script, one after another (never two benchmarks at once). */
async function runAll(quick: boolean) {
  const sections: ReportSection[] = [];
  const skipped: SkippedSection[] = [];
  const add = (done: ReportSection | SkippedSection) => {
    if ("reason" in done) skipped.push(done);
    else sections.push(done);
  };
  for (const suite of SUITES) {
    console.error(`[bench:report] suite ${suite.id}…`);
    add(await runSuite(suite, quick));
  }
  for (const script of JSON_SCRIPTS) {
    console.error(`[bench:report] ${script.file} --json…`);
    add(await runJsonScript(script));
  }
  return { sections, skipped };
}

const quick = process.argv.includes("--quick");
const started = performance.now();
const cpuBefore = cpuSecondsWithChildren();
const loadBefore = loadavg();
mkdirSync(join(ROOT, "docs", "images"), { recursive: true });
const { sections, skipped } = await runAll(quick);
const cpuAfter = cpuSecondsWithChildren();
const report = renderReport({
  run: {
    ...gitState(ROOT),
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    node: process.version,
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    loadBefore,
    loadAfter: loadavg(),
    cpuSeconds:
      cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore,
    wallSeconds: (performance.now() - started) / 1000,
    quick,
  },
  sections,
  skipped,
});
writeFileSync(join(ROOT, "docs", "performance.md"), report);
console.error(
  `[bench:report] wrote docs/performance.md and ${sections.filter((s) => s.chart).length} charts; ${skipped.length} skipped`,
);
