import type { BenchJson, BenchRow } from "../bench-json.js";

/** Facts about the run that every figure depends on. */
export interface RunInfo {
  commit: string;
  /** True when the work tree had uncommitted changes. */
  dirty: boolean;
  /** ISO 8601, UTC. */
  date: string;
  node: string;
  cpu: string;
  cores: number;
  loadBefore: number[];
  loadAfter: number[];
  /** CPU seconds of every process the run started, or undefined where it cannot be read. */
  cpuSeconds: number | undefined;
  wallSeconds: number;
  /** True for `--quick` (history stops at 100k events). */
  quick: boolean;
}

/** One section of the report: a suite's or a script's figures, where they came from, a chart. */
export interface ReportSection {
  json: BenchJson;
  /** The command or file that produced it, for readers who want to rerun it alone. */
  source: string;
  intro?: string;
  /** Path relative to docs/, e.g. "images/perf-peers.svg". */
  chart?: { path: string; alt: string };
}

/** A script the report runs that was missing or failed. */
export interface SkippedSection {
  title: string;
  source: string;
  reason: string;
}

/** Everything {@link renderReport} needs. */
export interface ReportInput {
  run: RunInfo;
  sections: ReportSection[];
  skipped: SkippedSection[];
}

/**
 * A number as a table shows it: thousands separators from 100 on, three significant digits
 * below.
 *
 * @example
 * ```ts
 * formatValue(12678.4); // "12,678"
 * formatValue(0.6123); // "0.612"
 * ```
 */
export function formatValue(v: number): string {
  if (Math.abs(v) >= 100) return groupThousands(Math.round(v));
  return Number(v.toPrecision(3)).toString();
}

/** Not toLocaleString: SES's lockdown() makes that locale-free in a hardened process. */
function groupThousands(n: number): string {
  const digits = Math.abs(n).toString();
  const grouped = digits.replace(/\B(?=(\d{3})+$)/g, ",");
  return n < 0 ? `-${grouped}` : grouped;
}

const cell = (s: string) => s.replaceAll("|", "\\|").replaceAll("\n", " ");

function baselineCell(row: BenchRow): string {
  if (row.baseline === undefined) return "";
  const name = row.baselineName ? ` (${row.baselineName})` : "";
  return `${formatValue(row.baseline)} ${row.unit}${name}`;
}

/**
 * Renders rows as a markdown table: figure, value and unit, baseline, ratio (value ÷ baseline,
 * computed when the row gives a baseline but no ratio).
 *
 * @example
 * ```ts
 * renderTable([{ name: "invoke", value: 410, unit: "µs", baseline: 330 }]);
 * ```
 */
export function renderTable(rows: BenchRow[]): string {
  const lines = ["| figure | value | baseline (same run) | ratio |", "|---|---:|---:|---:|"];
  for (const row of rows) {
    const ratio = row.ratio ?? (row.baseline ? row.value / row.baseline : undefined);
    lines.push(
      `| ${cell(row.name)} | ${formatValue(row.value)} ${cell(row.unit)} | ${cell(baselineCell(row))} | ${ratio === undefined ? "" : `${formatValue(ratio)}×`} |`,
    );
  }
  return lines.join("\n");
}

function renderSection(section: ReportSection): string {
  const parts = [`## ${section.json.title}`, ""];
  if (section.intro) parts.push(section.intro, "");
  if (section.chart) parts.push(`![${section.chart.alt}](${section.chart.path})`, "");
  parts.push(renderTable(section.json.rows), "");
  for (const note of section.json.notes ?? []) parts.push(`- ${note}`);
  if (section.json.notes?.length) parts.push("");
  parts.push(`Source: \`${section.source}\`.`, "");
  return parts.join("\n");
}

const load = (l: number[]) => l.map((v) => v.toFixed(2)).join(" / ");

function renderRun(run: RunInfo): string {
  const cpu = run.cpuSeconds === undefined ? "not readable here" : `${run.cpuSeconds.toFixed(1)} s`;
  return [
    "| | |",
    "|---|---|",
    `| commit | \`${run.commit}\`${run.dirty ? " (with uncommitted changes)" : ""} |`,
    `| date | ${run.date} |`,
    `| machine | ${run.cores} × ${cell(run.cpu)} |`,
    `| node | ${run.node} |`,
    `| load average before (1 / 5 / 15 min) | ${load(run.loadBefore)} |`,
    `| load average after (1 / 5 / 15 min) | ${load(run.loadAfter)} |`,
    `| CPU time of the run (all processes) | ${cpu} |`,
    `| wall-clock time of the run | ${run.wallSeconds.toFixed(0)} s |`,
    `| mode | ${run.quick ? "`--quick`: the history growth stops at 100k events" : "full: the history growth goes to 1M events"} |`,
  ].join("\n");
}

const TRUST = `## Which figures to trust

- **Ratios first.** Every figure here sits beside a baseline measured in the same run, in the same
  process where it matters, and the ratio between them is what carries from one day or machine to
  the next. Absolute rates move with the machine's weather: on this machine type, WebAssembly work
  (our QuickJS sandbox) has swung about 5× from one day to the next, JIT-compiled JavaScript
  (node:vm, SES) about 2×, so even a ratio to plain JavaScript moves when one side is WebAssembly.
- **CPU time over wall-clock rates.** CPU time per operation (\`process.cpuUsage\`, every thread of
  the process) counts only the work done, not the time spent waiting for a core that another
  process held; wall-clock rates include that wait. EDR runs Rust code on threads of its own,
  which its CPU time includes.
- **Load average.** The load average before and after the run is printed at the top. On this
  2-core machine a load above 2 means processes queued for a core during the run: wall-clock
  rates are then low and noisy, CPU time much less so. Compare runs only at similar loads.
- **Growth figures** (history, state size, depth) are ratios to the smallest case of the same
  run: the shape of the curve is what to read, not its height.
- Tests never time anything; these are benchmarks, rerun with \`pnpm bench:report\`.
`;

/**
 * Renders the whole docs/performance.md: run facts, how to trust the figures, one section per
 * suite or script (chart, table, notes, source), and the scripts that were skipped and why.
 * Pure: the caller writes the file.
 *
 * @example
 * ```ts
 * writeFileSync("docs/performance.md", renderReport({ run, sections, skipped: [] }));
 * ```
 */
export function renderReport(input: ReportInput): string {
  const parts = [
    "# Performance",
    "",
    "Generated by `pnpm bench:report` (the `@ecology/bench` package in `bench/`); do not edit by hand.",
    "Every figure below comes from the one run described in this table.",
    "",
    renderRun(input.run),
    "",
    TRUST,
    ...input.sections.map(renderSection),
  ];
  for (const s of input.skipped)
    parts.push(
      `## ${s.title}`,
      "",
      `_Not measured in this run: ${s.reason}_ (\`${s.source}\`)`,
      "",
    );
  return `${parts.join("\n").trimEnd()}\n`;
}
