import type { SimulationReport } from "../report.js";
import { esc, num, pct } from "./format.js";
import { signed, table } from "./sections.js";

/**
 * The A/B table (B − A for each headline measure and each persona's profit), placed right after
 * A's cards so the difference between the mechanisms is the first thing read.
 */
export function compareSection(a: SimulationReport): string {
  const c = a.compare;
  if (!c) return "";
  const b = c.report;
  const sign = (n: number, text: string) =>
    n > 0 ? `+${text}` : n < 0 ? `\u2212${text.replace("-", "")}` : text;
  const rows = [
    ["welfare", num(a.welfare), num(b.welfare), signed(c.delta.welfare)],
    [
      "Gini of final wealth",
      a.gini.toFixed(4),
      b.gini.toFixed(4),
      signed(c.delta.gini, {
        better: "neutral",
        text: sign(c.delta.gini, Math.abs(c.delta.gini).toFixed(4)),
      }),
    ],
    [
      "exploitation success rate",
      pct(a.exploitation.rate),
      pct(b.exploitation.rate),
      signed(c.delta.exploitationRate, {
        better: "down",
        text: sign(
          c.delta.exploitationRate,
          `${(Math.abs(c.delta.exploitationRate) * 100).toFixed(1)} points`,
        ),
      }),
    ],
    [
      "invariant violations",
      num(a.violations.length),
      num(b.violations.length),
      signed(c.delta.violations, { better: "down" }),
    ],
    ...Object.entries(c.delta.profit).map(([group, d]) => [
      `profit: ${group}`,
      num(a.profit[group]?.profit ?? 0),
      num(b.profit[group]?.profit ?? 0),
      signed(d, { better: "neutral" }),
    ]),
  ] as const;
  return (
    `<section id="compare"><h2>A/B: ${esc(a.scenario)} (A) vs ${esc(b.scenario)} (B)</h2>` +
    `<p>Same population, seed ${esc(a.seed)} and ${esc(a.rounds)} rounds; only the mechanism differs.</p>` +
    table(
      "compare",
      ["measure", `A: ${a.scenario}`, `B: ${b.scenario}`, "B − A"],
      rows,
      [1, 2, 3],
    ) +
    `</section>`
  );
}
