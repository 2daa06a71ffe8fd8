import { colorOf, esc, num } from "./format.js";

/** One line of a line chart. */
export interface Series {
  name: string;
  values: readonly number[];
}

const W = 760;
const H = 320;
const PAD = { left: 64, right: 16, top: 16, bottom: 44 };

/** Tick values from a "nice" step (1, 2 or 5 × 10^k) covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, target = 5): number[] {
  if (lo === hi) return [lo];
  const raw = (hi - lo) / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
  const ticks: number[] = [];
  for (let t = Math.floor(lo / step) * step; t <= hi + step / 2; t += step)
    ticks.push(Math.round(t / step) * step);
  return ticks;
}

function scale(domain: [number, number], range: [number, number]) {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  return (v: number) => (d1 === d0 ? (r0 + r1) / 2 : r0 + ((v - d0) / (d1 - d0)) * (r1 - r0));
}

const f1 = (n: number) => (Math.round(n * 10) / 10).toString();

function yAxis(ticks: number[], y: (v: number) => number): string {
  return ticks
    .map(
      (t) =>
        `<line class="grid" x1="${PAD.left}" x2="${W - PAD.right}" y1="${f1(y(t))}" y2="${f1(y(t))}"/>` +
        `<text class="tick" x="${PAD.left - 6}" y="${f1(y(t) + 4)}" text-anchor="end">${esc(num(t))}</text>`,
    )
    .join("");
}

function legend(names: readonly string[]): string {
  return `<div class="legend">${names
    .map(
      (n, i) =>
        `<span class="key"><svg width="14" height="14" aria-hidden="true"><rect width="14" height="14" fill="${colorOf(i)}"/></svg>${esc(n)}</span>`,
    )
    .join("")}</div>`;
}

/**
 * A line chart as inline SVG: one polyline per series over rounds 1…n, with a grid, axis
 * ticks and the zero line; a legend follows as HTML.
 */
export function lineChart(
  series: readonly Series[],
  options: { title: string; yLabel: string; cls: string },
): string {
  const n = Math.max(1, ...series.map((s) => s.values.length));
  const all = series.flatMap((s) => s.values);
  const ticks = niceTicks(Math.min(0, ...all), Math.max(0, ...all));
  const x = scale([1, Math.max(2, n)], [PAD.left, W - PAD.right]);
  const y = scale([ticks[0] ?? 0, ticks.at(-1) ?? 1], [H - PAD.bottom, PAD.top]);
  const lines = series
    .map((s, i) => {
      const points = s.values.map((v, r) => `${f1(x(r + 1))},${f1(y(v))}`).join(" ");
      return `<polyline class="series" data-series="${esc(s.name)}" fill="none" stroke="${colorOf(i)}" stroke-width="2" points="${points}"><title>${esc(s.name)}: ${esc(num(s.values.at(-1) ?? 0, { sign: true }))} after round ${s.values.length}</title></polyline>`;
    })
    .join("");
  const xTicks = niceTicks(1, n, 8)
    .filter((t) => t >= 1 && t <= n && Number.isInteger(t))
    .map(
      (t) =>
        `<text class="tick" x="${f1(x(t))}" y="${H - PAD.bottom + 16}" text-anchor="middle">${t}</text>`,
    )
    .join("");
  return (
    `<figure class="chart ${esc(options.cls)}"><svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(options.title)}">` +
    yAxis(ticks, y) +
    `<line class="zero" x1="${PAD.left}" x2="${W - PAD.right}" y1="${f1(y(0))}" y2="${f1(y(0))}"/>` +
    lines +
    xTicks +
    `<text class="axis-label" x="${(PAD.left + W - PAD.right) / 2}" y="${H - 6}" text-anchor="middle">round</text>` +
    `<text class="axis-label" x="14" y="${(PAD.top + H - PAD.bottom) / 2}" text-anchor="middle" transform="rotate(-90 14 ${(PAD.top + H - PAD.bottom) / 2})">${esc(options.yLabel)}</text>` +
    `</svg>${legend(series.map((s) => s.name))}</figure>`
  );
}

/** One bar of the distribution chart. */
export interface Bar {
  label: string;
  group: number;
  groupName: string;
  value: number;
  initial: number;
}

/**
 * Final wealth per agent as inline SVG bars, richest first, coloured by persona group; a
 * short dark tick marks where each agent started.
 */
export function barChart(
  bars: readonly Bar[],
  groups: readonly string[],
  options: { title: string; cls: string },
): string {
  const sorted = [...bars].sort((a, b) => b.value - a.value || (a.label < b.label ? -1 : 1));
  const ticks = niceTicks(0, Math.max(1, ...bars.flatMap((b) => [b.value, b.initial])));
  const y = scale([0, ticks.at(-1) ?? 1], [H - PAD.bottom, PAD.top]);
  const slot = (W - PAD.left - PAD.right) / Math.max(1, sorted.length);
  const width = Math.max(1, slot * 0.8);
  const rects = sorted
    .map((b, i) => {
      const x0 = PAD.left + i * slot + (slot - width) / 2;
      const top = y(Math.max(0, b.value));
      return (
        `<rect class="bar" data-persona="${esc(b.groupName)}" x="${f1(x0)}" y="${f1(top)}" width="${f1(width)}" height="${f1(H - PAD.bottom - top)}" fill="${colorOf(b.group)}"><title>${esc(b.label)} (${esc(b.groupName)}): ${esc(num(b.value))}, started with ${esc(num(b.initial))}</title></rect>` +
        `<line class="start" x1="${f1(x0)}" x2="${f1(x0 + width)}" y1="${f1(y(b.initial))}" y2="${f1(y(b.initial))}"/>`
      );
    })
    .join("");
  return (
    `<figure class="chart ${esc(options.cls)}"><svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(options.title)}">` +
    yAxis(ticks, y) +
    rects +
    `<text class="axis-label" x="${(PAD.left + W - PAD.right) / 2}" y="${H - 6}" text-anchor="middle">agents, richest first (tick: starting wealth)</text>` +
    `</svg>${legend(groups)}</figure>`
  );
}
