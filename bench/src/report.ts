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
import type { SuiteOutput } from "./suite.js";
import { SUITES } from "./suites/all.js";

async function runSuites(quick: boolean): Promise<ReportSection[]> {
  const sections: ReportSection[] = [];
  for (const suite of SUITES) {
    console.error(`[bench:report] suite ${suite.id}…`);
    const args = [suite.id, "--json", ...(quick ? ["--quick"] : [])];
    const stdout = await runTsx(join(ROOT, "bench/src/run-suite.ts"), args, join(ROOT, "bench"));
    const output = parseBenchJson(stdout) as SuiteOutput;
    const section: ReportSection = {
      json: output,
      source: `pnpm --filter @ecology/bench exec tsx src/run-suite.ts ${suite.id}`,
      intro: suite.intro,
    };
    if (output.chart) {
      const path = `images/perf-${suite.id}.svg`;
      writeFileSync(join(ROOT, "docs", path), renderChart(output.chart));
      section.chart = { path, alt: output.chart.title };
    }
    sections.push(section);
  }
  return sections;
}

async function runScripts(): Promise<{ sections: ReportSection[]; skipped: SkippedSection[] }> {
  const sections: ReportSection[] = [];
  const skipped: SkippedSection[] = [];
  for (const script of JSON_SCRIPTS) {
    console.error(`[bench:report] ${script.file} --json…`);
    const done = await runJsonScript(script);
    if ("reason" in done) skipped.push(done);
    else sections.push(done);
  }
  return { sections, skipped };
}

const quick = process.argv.includes("--quick");
const started = performance.now();
const cpuBefore = cpuSecondsWithChildren();
const loadBefore = loadavg();
mkdirSync(join(ROOT, "docs", "images"), { recursive: true });
const suites = await runSuites(quick);
const scripts = await runScripts();
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
  sections: [...suites, ...scripts.sections],
  skipped: scripts.skipped,
});
writeFileSync(join(ROOT, "docs", "performance.md"), report);
console.error(
  `[bench:report] wrote docs/performance.md and ${suites.filter((s) => s.chart).length} charts`,
);
