// `pnpm bench:report [--quick]`: runs every suite of this package and the other packages' JSON
// bench scripts, each in a process of its own, then writes docs/performance.md and
// docs/images/perf-*.svg. Progress goes to stderr.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseBenchJson } from "./bench-json.js";
import { renderChart } from "./render/chart.js";
import { type ReportSection, renderReport, type SkippedSection } from "./render/markdown.js";
import { cpuSecondsWithChildren, gitState } from "./run-info.js";
import type { SuiteOutput } from "./suite.js";
import { SUITES } from "./suites/all.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const TSX = join(ROOT, "node_modules", ".bin", "tsx");
const TIMEOUT_MS = 30 * 60_000;

/** Bench scripts of other packages that print a BenchJson with `--json`. */
const SCRIPTS = [
  {
    title: "Composition overhead: an invoke beside the sum of its parts",
    file: "packages/kernel/bench/composition.ts",
  },
  { title: "Group commit in the server", file: "packages/server/bench/group-commit.ts" },
];

/** Runs `tsx file args…` in `cwd`; resolves with its stdout, rejects with its exit and stderr tail. */
function runTsx(file: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [file, ...args], {
      cwd,
      stdio: ["ignore", "pipe", "pipe"],
      timeout: TIMEOUT_MS,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
      process.stderr.write(chunk);
    });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code === 0) return resolve(stdout);
      const tail = stderr.trim().split("\n").slice(-3).join(" / ");
      reject(new Error(`exited with ${signal ?? `code ${code}`}${tail ? `: ${tail}` : ""}`));
    });
  });
}

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
  for (const script of SCRIPTS) {
    const path = join(ROOT, script.file);
    if (!existsSync(path)) {
      skipped.push({
        ...script,
        source: script.file,
        reason: "the script does not exist in this commit.",
      });
      continue;
    }
    console.error(`[bench:report] ${script.file} --json…`);
    try {
      const stdout = await runTsx(path, ["--json"], dirname(dirname(path)));
      sections.push({ json: parseBenchJson(stdout), source: `tsx ${script.file} --json` });
    } catch (error) {
      skipped.push({
        ...script,
        source: script.file,
        reason: `it failed: ${(error as Error).message}`,
      });
    }
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
