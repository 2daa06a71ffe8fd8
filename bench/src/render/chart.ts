import type { ChartSpec } from "../suite.js";
import { barChart, lineChart } from "./svg.js";

/**
 * Renders a suite's chart request as an SVG document. Throws a `RangeError` for data the chart
 * cannot draw (see {@link barChart}, {@link lineChart}).
 *
 * @example
 * ```ts
 * writeFileSync("docs/images/perf-peers.svg", renderChart(output.chart));
 * ```
 */
export function renderChart(spec: ChartSpec): string {
  return spec.kind === "bar" ? barChart(spec) : lineChart(spec);
}
