import type { Comparison, PopulationSummary, SimulationReport } from "./report.js";
import { SimulateError } from "./simulate-error.js";
import { round4 } from "./stats.js";

function signature(p: readonly PopulationSummary[]): string {
  return JSON.stringify(p);
}

/**
 * Refuses two reports whose populations differ (group, persona, agents, principals, scrip):
 * an A/B must vary the mechanism only.
 *
 * @throws {SimulateError} `not_comparable` naming both populations.
 */
export function requireSamePopulation(
  a: readonly PopulationSummary[],
  b: readonly PopulationSummary[],
  names: [string, string],
): void {
  if (signature(a) === signature(b)) return;
  const show = (p: readonly PopulationSummary[]) =>
    p.map((g) => `${g.group} ×${g.agents} (${g.scrip} scrip)`).join(", ");
  throw new SimulateError(
    "not_comparable",
    `an A/B needs the same population: ${names[0]} has ${show(a)}; ${names[1]} has ${show(b)}`,
  );
}

/** The comparison of `b` against `a` (deltas are B − A). */
export function compareReports(a: SimulationReport, b: SimulationReport): Comparison {
  const profit: { [group: string]: number } = {};
  for (const group of Object.keys(a.profit))
    profit[group] = round4((b.profit[group]?.profit ?? 0) - (a.profit[group]?.profit ?? 0));
  return {
    scenario: b.scenario,
    report: b,
    delta: {
      welfare: round4(b.welfare - a.welfare),
      gini: round4(b.gini - a.gini),
      profit,
      exploitationRate: round4(b.exploitation.rate - a.exploitation.rate),
      violations: b.violations.length - a.violations.length,
    },
  };
}
