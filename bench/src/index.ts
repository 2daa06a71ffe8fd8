export type { BenchJson, BenchRow } from "./bench-json.js";
export { benchJsonProblem, parseBenchJson, ratioRow } from "./bench-json.js";
export type { ReportInput, ReportSection, RunInfo, SkippedSection } from "./render/markdown.js";
export { formatValue, renderReport, renderTable } from "./render/markdown.js";
export type { Bar, BarChartSpec, LineChartSpec, Series } from "./render/svg.js";
export { barChart, lineChart } from "./render/svg.js";
export type { ChartSpec, Suite, SuiteOptions, SuiteOutput } from "./suite.js";
