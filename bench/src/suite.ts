import type { BenchJson } from "./bench-json.js";
import type { BarChartSpec, LineChartSpec } from "./render/svg.js";

/** A chart a suite asks for; the report renders it to docs/images/perf-<suite id>.svg. */
export type ChartSpec = ({ kind: "bar" } & BarChartSpec) | ({ kind: "line" } & LineChartSpec);

/** What a suite returns: its {@link BenchJson} section plus the chart to draw from it. */
export interface SuiteOutput extends BenchJson {
  chart?: ChartSpec;
}

/** How a suite runs: `quick` trims the longest measurements (the 1M-event history). */
export interface SuiteOptions {
  quick: boolean;
}

/**
 * One benchmark suite of this package, run by `pnpm bench:report` in a process of its own (a
 * suite may harden the process, as SES's lockdown does).
 */
export interface Suite {
  id: string;
  /** A paragraph for the report: what is measured and against what. */
  intro: string;
  run(options: SuiteOptions): Promise<SuiteOutput>;
}
