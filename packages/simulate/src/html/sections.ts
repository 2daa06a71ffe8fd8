import type { Operation } from "../operations.js";
import type { ExploitStats, SimulationReport, Violation } from "../report.js";
import { barChart, lineChart } from "./charts.js";
import { colorOf, esc, num, pct } from "./format.js";

type Row = readonly (string | { html: string; cls?: string })[];

/** A table; plain cells are escaped, `{ html }` cells are trusted markup built here. */
export function table(
  cls: string,
  head: readonly string[],
  rows: readonly Row[],
  numeric: readonly number[] = [],
): string {
  const cell = (tag: string, c: Row[number], i: number) => {
    const classes = [
      numeric.includes(i) ? "n" : "",
      typeof c === "string" ? "" : (c.cls ?? ""),
    ].filter(Boolean);
    const attr = classes.length ? ` class="${classes.join(" ")}"` : "";
    return `<${tag}${attr}>${typeof c === "string" ? esc(c) : c.html}</${tag}>`;
  };
  return `<table class="${esc(cls)}"><thead><tr>${head.map((h, i) => cell("th", h, i)).join("")}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c, i) => cell("td", c, i)).join("")}</tr>`)
    .join("")}</tbody></table>`;
}

/**
 * A signed change: green when it is good news, red when bad. `better` says which direction is
 * good (more profit is; more violations are not); `neutral` colours nothing (a Gini change).
 */
export function signed(
  n: number,
  options: { better?: "up" | "down" | "neutral"; text?: string } = {},
): { html: string; cls: string } {
  const better = options.better ?? "up";
  const good = better === "up" ? n > 0 : n < 0;
  const cls = better === "neutral" || n === 0 ? "" : good ? "pos" : "neg";
  return { html: esc(options.text ?? num(n, { sign: true })), cls };
}

function groupCell(report: SimulationReport, group: string): { html: string } {
  const i = report.population.findIndex((p) => p.group === group);
  return { html: `<span class="swatch" style="background:${colorOf(i)}"></span>${esc(group)}` };
}

/** Profit over rounds (chart) and the per-persona table. */
export function profitSection(report: SimulationReport, cls = "chart-profit"): string {
  const series = Object.entries(report.profit).map(([name, p]) => ({ name, values: p.byRound }));
  const rows = Object.entries(report.profit).map(
    ([group, p]): Row => [
      groupCell(report, group),
      num(p.agents),
      num(p.initial),
      num(p.final),
      signed(p.profit),
      signed(p.perAgent),
      num(p.actions),
      num(p.failed),
      num(p.idle),
    ],
  );
  return (
    lineChart(series, { title: "Profit per persona over rounds", yLabel: "profit (scrip)", cls }) +
    table(
      "profit",
      [
        "persona",
        "agents",
        "start",
        "final",
        "profit",
        "per agent",
        "operations",
        "refused",
        "idle",
      ],
      rows,
      [1, 2, 3, 4, 5, 6, 7, 8],
    )
  );
}

/** Final wealth per agent (chart). */
export function distributionSection(report: SimulationReport): string {
  const groups = report.population.map((p) => p.group);
  const bars = report.distribution.map((d) => ({
    label: d.agent,
    group: groups.indexOf(d.persona),
    groupName: d.persona,
    value: d.final,
    initial: d.initial,
  }));
  return barChart(bars, groups, { title: "Final wealth per agent", cls: "chart-distribution" });
}

function statsRow(first: Row[number], label: string, s: ExploitStats): Row {
  return [
    first,
    label,
    num(s.attempts),
    num(s.accepted),
    num(s.profitable),
    num(s.gained),
    pct(s.rate),
  ];
}

/** Exploit attempts per persona and label. */
export function exploitationSection(report: SimulationReport): string {
  const e = report.exploitation;
  if (e.attempts === 0) return `<p class="none">No persona marked an exploit attempt.</p>`;
  const rows: Row[] = Object.entries(e.byPersona).flatMap(([group, g]) =>
    Object.entries(g.labels).map(([label, s]) => statsRow(groupCell(report, group), label, s)),
  );
  rows.push(statsRow({ html: "<strong>all</strong>" }, "", e));
  return table(
    "exploitation",
    ["persona", "attempt", "attempts", "accepted", "profitable", "gained", "success rate"],
    rows,
    [2, 3, 4, 5, 6],
  );
}

function opsTable(ops: readonly Operation[], first: number): string {
  return table(
    "ops",
    ["#", "op", "origin", "params", "time"],
    ops.map((o, i) => [
      num(first + i + 1),
      o.op,
      o.origin,
      { html: `<code>${esc(JSON.stringify(o.params))}</code>` },
      String(o.time),
    ]),
    [0],
  );
}

function violationArticle(v: Violation): string {
  const c = v.counterexample;
  const setup = c.operations.slice(0, c.setup);
  const actions = c.operations.slice(c.setup);
  const status = !c.reproduced
    ? "the run's operations did not break it again on replay, so it was not shrunk"
    : c.minimal
      ? "minimal: removing any one of them makes the violation disappear"
      : `shrinking stopped after ${c.tests} replays; the list may not be minimal`;
  return (
    `<article class="violation"><h3>${esc(v.invariant)}</h3>` +
    `<p class="message">${esc(c.message)}</p>` +
    `<p>First broken after round ${esc(v.round)}; broken after ${esc(v.rounds)} of the rounds. ` +
    `Counterexample: <strong>${esc(c.actions)} agent operation${c.actions === 1 ? "" : "s"}</strong> after setup, shrunk from ${esc(c.shrunkFrom)} in ${esc(c.tests)} replays (${esc(status)}).</p>` +
    (actions.length > 0 ? opsTable(actions, c.setup) : "<p>The setup alone breaks it.</p>") +
    `<details><summary>setup: ${esc(setup.length)} operations</summary>${opsTable(setup, 0)}</details>` +
    `</article>`
  );
}

/** Invariant violations with their shrunk counterexamples. */
export function violationsSection(report: SimulationReport): string {
  if (report.violations.length === 0)
    return `<p class="none">No invariant was broken in ${esc(report.rounds)} rounds.</p>`;
  return report.violations.map(violationArticle).join("");
}

/** The scenario's metrics, final value and range. */
export function metricsSection(report: SimulationReport): string {
  if (report.metrics.length === 0) return "";
  const rows = report.metrics.map(
    (m): Row => [
      m.name,
      m.description,
      num(m.final),
      num(Math.min(...m.byRound)),
      num(Math.max(...m.byRound)),
    ],
  );
  return `<section id="metrics"><h2>Metrics</h2>${table("metrics", ["metric", "what", "final", "min", "max"], rows, [2, 3, 4])}</section>`;
}
