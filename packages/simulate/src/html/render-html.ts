import type { SimulationReport } from "../report.js";
import { compareSection } from "./compare-section.js";
import { esc, num, pct } from "./format.js";
import {
  distributionSection,
  exploitationSection,
  metricsSection,
  profitSection,
  violationsSection,
} from "./sections.js";
import { STYLES } from "./styles.js";

/** A summary card: a label, a big value and a line of context; `tone` colours the value. */
export function card(label: string, value: string, sub: string, tone = ""): string {
  return `<div class="card ${tone}"><div class="label">${esc(label)}</div><div class="value">${esc(value)}</div><div class="sub">${esc(sub)}</div></div>`;
}

function facts(r: SimulationReport): string {
  const agents = r.population.reduce((s, p) => s + p.agents, 0);
  const items: [string, string][] = [
    ["seed", String(r.seed)],
    ["rounds", num(r.rounds)],
    ["agents", num(agents)],
    ["operations", `${num(r.kernel.operations)} (${num(r.kernel.failed)} refused)`],
    [
      "events",
      `${num(r.kernel.events)}${r.kernel.logVerified ? ", hash chain verified" : ", HASH CHAIN BROKEN"}`,
    ],
  ];
  return `<dl class="facts">${items.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`).join("")}</dl>`;
}

/** The four headline cards: welfare, Gini, exploitation, violations. */
function cards(r: SimulationReport): string {
  const e = r.exploitation;
  return `<div class="cards">${[
    card(
      "Welfare",
      num(r.welfare),
      `${num(r.welfare - r.welfareInitial, { sign: true })} since the start`,
    ),
    card("Gini of final wealth", r.gini.toFixed(4), `${r.giniInitial.toFixed(4)} at the start`),
    card(
      "Exploitation success",
      pct(e.rate),
      `${num(e.profitable)} of ${num(e.attempts)} attempts profitable, ${num(e.gained)} gained`,
      e.profitable > 0 ? "bad" : "good",
    ),
    card(
      "Invariant violations",
      num(r.violations.length),
      r.violations.length
        ? r.violations.map((v) => v.invariant).join("; ")
        : "every invariant held",
      r.violations.length ? "bad" : "good",
    ),
  ].join("")}</div>`;
}

function body(r: SimulationReport, id: string): string {
  return (
    `<section id="${id}-profit"><h2>Profit per persona</h2>${profitSection(r, id === "a" ? "chart-profit" : "chart-profit-b")}</section>` +
    `<section id="${id}-distribution"><h2>Final wealth per agent</h2>${distributionSection(r)}</section>` +
    `<section id="${id}-exploitation"><h2>Exploitation</h2>${exploitationSection(r)}</section>` +
    `<section id="${id}-violations"><h2>Invariant violations</h2>${violationsSection(r)}</section>` +
    metricsSection(r)
  );
}

function sideB(a: SimulationReport): string {
  const b = a.compare?.report;
  if (!b) return "";
  return (
    `<section id="b"><h2 class="side">B: ${esc(b.scenario)}</h2>` +
    (b.description ? `<p class="description">${esc(b.description)}</p>` : "") +
    cards(b) +
    body(b, "b") +
    `</section>`
  );
}

/**
 * The report as one self-contained HTML page: inline CSS, inline SVG charts (profit per persona
 * over rounds, final wealth per agent), tables for personas, exploitation, violations with their
 * counterexamples, metrics, and the A/B comparison when there is one. No script, no network,
 * no timestamp: the same report renders the same bytes.
 *
 * @example
 * ```ts
 * writeFileSync("report.html", renderHtml(await runScenarioFile("scenarios/pool.ts")));
 * ```
 */
export function renderHtml(report: SimulationReport): string {
  const title = `Simulation: ${report.scenario}${report.compare ? ` vs ${report.compare.scenario}` : ""} (seed ${report.seed})`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${STYLES}</style>
</head>
<body>
<main>
<header><h1>${esc(title)}</h1>${report.description ? `<p class="description">${esc(report.description)}</p>` : ""}${facts(report)}</header>
${cards(report)}
${compareSection(report)}
${report.compare ? `<h2 class="side">A: ${esc(report.scenario)}</h2>` : ""}
${body(report, "a")}
${sideB(report)}
<footer>Written by @ecology/simulate (${esc(report.format)}). Every operation ran on a real Ecology kernel; the same scenario and seed give the same report.</footer>
</main>
</body>
</html>
`;
}
