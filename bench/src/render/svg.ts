import { linearScale, logScale, type Scale, shortNumber } from "./scale.js";

/** One bar of a {@link barChart}. */
export interface Bar {
  label: string;
  value: number;
}

/** A horizontal bar chart: one bar per entry, longest at the largest value. */
export interface BarChartSpec {
  title: string;
  /** Axis caption, e.g. "CPU µs per invoke (lower is better)". */
  axis: string;
  bars: Bar[];
  /** "log" when the values span orders of magnitude (all must then be > 0). */
  scale?: "linear" | "log";
}

/** One line of a {@link lineChart}. */
export interface Series {
  name: string;
  points: { x: number; y: number }[];
}

/** A line chart of one or more series over a shared x axis. */
export interface LineChartSpec {
  title: string;
  xAxis: string;
  yAxis: string;
  series: Series[];
  xScale?: "linear" | "log";
  /** "log" when y spans orders of magnitude (all y must then be > 0). */
  yScale?: "linear" | "log";
}

const COLORS = ["#2b6cb0", "#c05621", "#2f855a", "#6b46c1", "#b83280", "#4a5568"];
const FONT = 'font-family="system-ui, sans-serif"';

/**
 * Escapes text for SVG content and attribute values.
 *
 * @example
 * ```ts
 * escapeXml('a < b & "c"'); // "a &lt; b &amp; &quot;c&quot;"
 * ```
 */
export function escapeXml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

const fixed = (n: number) => Number(n.toFixed(1));

/** A text element; `extra` attributes must not repeat x, y, font-family or font-size. */
function text(x: number, y: number, body: string, extra = "", size = 12): string {
  return `<text x="${fixed(x)}" y="${fixed(y)}" ${FONT} font-size="${size}"${extra ? ` ${extra}` : ""}>${escapeXml(body)}</text>`;
}

function svg(width: number, height: number, title: string, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    text(width / 2, 22, title, 'text-anchor="middle" font-weight="bold"', 14),
    ...body,
    "</svg>",
    "",
  ].join("\n");
}

/**
 * Renders a horizontal bar chart as a standalone SVG document (no external resources): labels
 * on the left, bar lengths proportional to value (or to its logarithm), value printed at the
 * end of each bar, axis ticks below. Throws a `RangeError` for negative or non-finite values,
 * or non-positive ones on a log scale.
 *
 * @example
 * ```ts
 * writeFileSync("perf.svg", barChart({ title: "CPU per invoke", axis: "µs", bars: [{ label: "ours", value: 350 }] }));
 * ```
 */
export function barChart(spec: BarChartSpec): string {
  const left = 230;
  const right = 720 - 70;
  const rowHeight = 30;
  const top = 40;
  const bottom = top + rowHeight * spec.bars.length;
  const values = spec.bars.map((b) => b.value);
  const max = Math.max(0, ...values);
  const scale: Scale =
    spec.scale === "log"
      ? logScale(Math.min(...values), max, left, right)
      : linearScale(max, left, right);
  const base = spec.scale === "log" ? left : scale.at(0);
  const body = spec.bars.flatMap((bar, i) => {
    if (!Number.isFinite(bar.value) || bar.value < 0)
      throw new RangeError(`bar "${bar.label}" has value ${bar.value}`);
    const y = top + i * rowHeight + 6;
    const end = scale.at(bar.value);
    return [
      text(left - 8, y + 13, bar.label, 'text-anchor="end"'),
      `<rect x="${fixed(base)}" y="${y}" width="${fixed(Math.max(1, end - base))}" height="18" fill="${COLORS[i % COLORS.length]}"><title>${escapeXml(`${bar.label}: ${bar.value}`)}</title></rect>`,
      text(end + 4, y + 13, shortNumber(bar.value)),
    ];
  });
  const axis = [
    `<line x1="${left}" y1="${bottom}" x2="${right}" y2="${bottom}" stroke="#333"/>`,
    ...scale.ticks.flatMap((t) => [
      `<line x1="${fixed(scale.at(t))}" y1="${bottom}" x2="${fixed(scale.at(t))}" y2="${bottom + 5}" stroke="#333"/>`,
      text(scale.at(t), bottom + 18, shortNumber(t), 'text-anchor="middle"'),
    ]),
    text((left + right) / 2, bottom + 36, spec.axis, 'text-anchor="middle"'),
  ];
  return svg(720, bottom + 48, spec.title, [...body, ...axis]);
}

/**
 * Renders a line chart as a standalone SVG document: each axis linear (from 0) or base-10 log,
 * a marker and value label at each point, a legend naming each series. Throws a `RangeError`
 * for non-finite or negative points, or non-positive ones on a log axis.
 *
 * @example
 * ```ts
 * lineChart({ title: "Cost with history", xAxis: "events", yAxis: "µs", xScale: "log",
 *   series: [{ name: "WAL file", points: [{ x: 1e3, y: 400 }, { x: 1e6, y: 460 }] }] });
 * ```
 */
export function lineChart(spec: LineChartSpec): string {
  const [left, right, top, bottom] = [70, 690, 40, 300];
  const points = spec.series.flatMap((s) => s.points);
  for (const p of points)
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y) || p.y < 0)
      throw new RangeError(`point (${p.x}, ${p.y}) cannot be drawn`);
  const xs = points.map((p) => p.x);
  const x =
    spec.xScale === "log"
      ? logScale(Math.min(...xs), Math.max(...xs), left, right)
      : linearScale(Math.max(0, ...xs), left, right, 8);
  const ys = points.map((p) => p.y);
  const y =
    spec.yScale === "log"
      ? logScale(Math.min(...ys), Math.max(...ys), bottom, top)
      : linearScale(Math.max(0, ...ys), bottom, top);
  const grid = [
    `<line x1="${left}" y1="${bottom}" x2="${right}" y2="${bottom}" stroke="#333"/>`,
    `<line x1="${left}" y1="${bottom}" x2="${left}" y2="${top}" stroke="#333"/>`,
    ...x.ticks.map((t) => text(x.at(t), bottom + 18, shortNumber(t), 'text-anchor="middle"')),
    ...y.ticks.flatMap((t) => [
      `<line x1="${left}" y1="${fixed(y.at(t))}" x2="${right}" y2="${fixed(y.at(t))}" stroke="#e2e8f0"/>`,
      text(left - 6, y.at(t) + 4, shortNumber(t), 'text-anchor="end"'),
    ]),
    text((left + right) / 2, bottom + 38, spec.xAxis, 'text-anchor="middle"'),
    text(
      16,
      (top + bottom) / 2,
      spec.yAxis,
      `text-anchor="middle" transform="rotate(-90 16 ${(top + bottom) / 2})"`,
    ),
  ];
  const lines = spec.series.flatMap((s, i) => {
    const color = COLORS[i % COLORS.length];
    const coords = s.points.map((p) => `${fixed(x.at(p.x))},${fixed(y.at(p.y))}`);
    return [
      `<polyline fill="none" stroke="${color}" stroke-width="2" points="${coords.join(" ")}"/>`,
      ...s.points.flatMap((p) => [
        `<circle cx="${fixed(x.at(p.x))}" cy="${fixed(y.at(p.y))}" r="3.5" fill="${color}"><title>${escapeXml(`${s.name}: ${p.x} → ${p.y}`)}</title></circle>`,
        // Alternate series label above and below their points, so close lines stay legible.
        text(
          x.at(p.x),
          y.at(p.y) + (i % 2 ? 16 : -8),
          shortNumber(p.y),
          'text-anchor="middle"',
          10,
        ),
      ]),
      text(right - 150, top + 14 + i * 16, `— ${s.name}`, `fill="${color}"`),
    ];
  });
  return svg(720, bottom + 50, spec.title, [...grid, ...lines]);
}
