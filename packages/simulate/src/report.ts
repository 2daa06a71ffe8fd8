import type { Group } from "./population.js";
import type { RunTrace } from "./run.js";
import type { Counterexample } from "./shrink.js";
import { gini, rate, round4 } from "./stats.js";

/** The `format` of every report this version writes. */
export const REPORT_FORMAT = "ecology.simulation/1";

/** A population group as the report lists it. */
export interface PopulationSummary {
  group: string;
  persona: string;
  agents: number;
  principals: number;
  /** Starting scrip per agent. */
  scrip: number;
}

/** A group's wealth change (final − initial wealth, summed over its agents). */
export interface PersonaProfit {
  agents: number;
  initial: number;
  final: number;
  profit: number;
  perAgent: number;
  /** The group's profit after each round. */
  byRound: number[];
  /** Kernel operations its agents performed, how many the kernel refused, and turns with none. */
  actions: number;
  failed: number;
  idle: number;
}

/** Exploit attempts (actions marked `exploit`): accepted by the kernel, and profitable. */
export interface ExploitStats {
  attempts: number;
  accepted: number;
  profitable: number;
  /** Wealth gained through profitable attempts. */
  gained: number;
  /** profitable ÷ attempts: the exploitation success rate. */
  rate: number;
}

/** All exploit attempts, and per group and label. */
export interface Exploitation extends ExploitStats {
  byPersona: { [group: string]: ExploitStats & { labels: { [label: string]: ExploitStats } } };
}

/** An invariant that broke: first round, how many rounds it was broken, and a shrunk reproduction. */
export interface Violation {
  invariant: string;
  round: number;
  rounds: number;
  message: string;
  counterexample: Counterexample;
}

/** A scenario metric with its history. */
export interface MetricReport {
  name: string;
  description: string;
  final: number;
  byRound: number[];
}

/** One agent: who it is (its principals, its teammates) and its starting and final wealth. */
export interface AgentOutcome {
  agent: string;
  persona: string;
  principals: string[];
  partners: string[];
  initial: number;
  final: number;
}

/** An A/B comparison: the other mechanism under the same population, seed and rounds. */
export interface Comparison {
  scenario: string;
  report: SimulationReport;
  /** B − A. */
  delta: {
    welfare: number;
    gini: number;
    profit: { [group: string]: number };
    exploitationRate: number;
    violations: number;
  };
}

/**
 * The simulation report (`--json`; DESIGN.md §14). Built only from the run's seeded history,
 * with numbers rounded to 4 decimals: the same scenario and seed give byte-identical JSON
 * ({@link reportJson}).
 */
export interface SimulationReport {
  format: typeof REPORT_FORMAT;
  scenario: string;
  description: string;
  seed: number;
  rounds: number;
  population: PopulationSummary[];
  /** Sum of the agents' final wealth (or the scenario's welfare measure). */
  welfare: number;
  welfareInitial: number;
  welfareByRound: number[];
  /** Gini coefficient of the agents' final wealth, and of their starting wealth. */
  gini: number;
  giniInitial: number;
  profit: { [group: string]: PersonaProfit };
  exploitation: Exploitation;
  violations: Violation[];
  metrics: MetricReport[];
  distribution: AgentOutcome[];
  kernel: {
    setupOperations: number;
    operations: number;
    failed: number;
    events: number;
    logVerified: boolean;
  };
  compare?: Comparison;
}

function emptyStats(): ExploitStats {
  return { attempts: 0, accepted: 0, profitable: 0, gained: 0, rate: 0 };
}

function count(stats: ExploitStats, accepted: boolean, gain: number): void {
  stats.attempts += 1;
  if (accepted) stats.accepted += 1;
  if (accepted && gain > 0) {
    stats.profitable += 1;
    stats.gained = round4(stats.gained + gain);
  }
  stats.rate = rate(stats.profitable, stats.attempts);
}

function exploitationOf(trace: RunTrace): Exploitation {
  const total: Exploitation = { ...emptyStats(), byPersona: {} };
  for (const r of trace.records) {
    if (r.exploit === undefined) continue;
    const group = trace.agents[r.agent]?.group ?? "?";
    total.byPersona[group] ??= { ...emptyStats(), labels: {} };
    const g = total.byPersona[group];
    g.labels[r.exploit] ??= emptyStats();
    for (const s of [total, g, g.labels[r.exploit] as ExploitStats])
      count(s, r.success, r.gain ?? 0);
  }
  return total;
}

function profitOf(trace: RunTrace): { [group: string]: PersonaProfit } {
  const out: { [group: string]: PersonaProfit } = {};
  for (const g of trace.prepared.groups) {
    const members = trace.agents.filter((a) => a.group === g.name).map((a) => a.index);
    const sum = (f: (i: number) => number) => round4(members.reduce((s, i) => s + f(i), 0));
    const initial = sum((i) => trace.initialWealth[i] ?? 0);
    const final = sum((i) => trace.wealth[i]?.at(-1) ?? trace.initialWealth[i] ?? 0);
    const ops = trace.records.filter((r) => trace.agents[r.agent]?.group === g.name);
    out[g.name] = {
      agents: members.length,
      initial,
      final,
      profit: round4(final - initial),
      perAgent: round4((final - initial) / members.length),
      byRound: Array.from({ length: trace.prepared.rounds }, (_, r) =>
        round4(sum((i) => trace.wealth[i]?.[r] ?? 0) - initial),
      ),
      actions: ops.length,
      failed: ops.filter((r) => !r.success).length,
      idle: sum((i) => trace.idle[i] ?? 0),
    };
  }
  return out;
}

/** The population as a report lists it (and an A/B compares it). */
export function populationOf(groups: readonly Group[]): PopulationSummary[] {
  return groups.map((g) => ({
    group: g.name,
    persona: g.persona.name,
    agents: g.count * (g.persona.team ?? 1),
    principals: g.persona.principals ?? 1,
    scrip: g.scrip,
  }));
}

/** Builds the report of a finished run; `counterexamples` are in `trace.violations` order. */
export function buildReport(
  trace: RunTrace,
  counterexamples: readonly Counterexample[],
): SimulationReport {
  const { prepared } = trace;
  const finals = trace.agents.map((a) => round4(trace.wealth[a.index]?.at(-1) ?? 0));
  return {
    format: REPORT_FORMAT,
    scenario: prepared.scenario.name,
    description: prepared.scenario.description ?? "",
    seed: prepared.seed,
    rounds: prepared.rounds,
    population: populationOf(prepared.groups),
    welfare: round4(trace.welfare.at(-1) ?? trace.welfareInitial),
    welfareInitial: round4(trace.welfareInitial),
    welfareByRound: trace.welfare.map(round4),
    gini: gini(finals),
    giniInitial: gini(trace.initialWealth),
    profit: profitOf(trace),
    exploitation: exploitationOf(trace),
    violations: trace.violations.map((v, i) => ({
      invariant: v.invariant,
      round: v.round,
      rounds: v.rounds,
      message: v.message,
      counterexample: counterexamples[i] as Counterexample,
    })),
    metrics: trace.metrics.map((m) => ({
      name: m.name,
      description: m.description,
      final: round4(m.byRound.at(-1) ?? 0),
      byRound: m.byRound.map(round4),
    })),
    distribution: trace.agents.map((a, i) => ({
      agent: a.mind.id,
      persona: a.group,
      principals: [...a.mind.principals],
      partners: [...a.mind.partners],
      initial: round4(trace.initialWealth[i] ?? 0),
      final: finals[i] ?? 0,
    })),
    kernel: {
      setupOperations: trace.setup.operations.length,
      operations: trace.records.length,
      failed: trace.records.filter((r) => !r.success).length,
      events: trace.log.ok ? trace.log.count : 0,
      logVerified: trace.log.ok,
    },
  };
}

/**
 * The report as JSON text: two-space indented, a final newline. The same report always
 * gives the same bytes (fixed key order, rounded numbers).
 */
export function reportJson(report: SimulationReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
