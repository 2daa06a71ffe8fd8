import { basename } from "node:path";
import { compareReports, requireSamePopulation } from "./compare.js";
import { loadDefault } from "./load-module.js";
import { prepareScenario, type RunOptions, scenarioDir } from "./prepare.js";
import { buildReport, type SimulationReport } from "./report.js";
import { simulate } from "./run.js";
import type { Scenario } from "./scenario.js";
import { type ShrinkOptions, shrinkViolation } from "./shrink.js";

/** Options of {@link runScenario}. */
export interface RunScenarioOptions extends RunOptions {
  shrink?: ShrinkOptions;
}

/**
 * Runs a scenario object on a fresh in-memory kernel and returns its report: seeded rounds,
 * invariants after each, and a shrunk counterexample for the first violation of each invariant.
 * Relative paths in the scenario start from `options.baseDir` (default: the working directory).
 *
 * @throws {SimulateError} when the scenario cannot run (see {@link SimulateError}).
 * @example
 * ```ts
 * const report = await runScenario(myScenario, { seed: 7, baseDir: "scenarios" });
 * console.log(report.welfare, report.gini, report.violations.length);
 * ```
 */
export async function runScenario(
  scenario: Scenario,
  options: RunScenarioOptions = {},
): Promise<SimulationReport> {
  const prepared = await prepareScenario(scenario, options);
  const { sim, trace } = await simulate(prepared);
  try {
    const counterexamples = trace.violations.map((v) =>
      shrinkViolation(sim, trace, v, options.shrink),
    );
    return buildReport(trace, counterexamples);
  } finally {
    sim.kernel.close();
  }
}

/**
 * Loads a scenario file (a TypeScript module default-exporting a scenario).
 *
 * @throws {SimulateError} `scenario_invalid` when it is missing, does not bundle or exports
 * no scenario.
 */
export async function loadScenario(file: string): Promise<Scenario> {
  return (await loadDefault(file, "a scenario (defineScenario({ ... }))")) as Scenario;
}

/** Options of {@link runScenarioFile}: the CLI's flags. */
export interface SimulateOptions {
  /** `--seed`: overrides the scenario's seed (both sides of an A/B). */
  seed?: number;
  /** `--rounds`: overrides the scenario's rounds (both sides). */
  rounds?: number;
  /** `--compare`: another scenario file, run with the same seed and rounds. */
  compare?: string;
  /** Progress after every round, for a terminal; `scenario` names which side of an A/B. */
  onProgress?: (round: number, rounds: number, scenario: string) => void;
  shrink?: ShrinkOptions;
}

async function runFile(
  file: string,
  options: SimulateOptions,
  overrides: { seed?: number; rounds?: number },
) {
  const scenario = await loadScenario(file);
  const name = scenario?.name ?? basename(file);
  return runScenario(scenario, {
    ...overrides,
    baseDir: scenarioDir(file),
    ...(options.shrink ? { shrink: options.shrink } : {}),
    ...(options.onProgress
      ? { onProgress: (r: number, n: number) => options.onProgress?.(r, n, name) }
      : {}),
  });
}

/**
 * What `ecology simulate <scenario> [--seed n] [--rounds n] [--compare other]` does, in one
 * call: loads and runs the scenario file (paths in it relative to the file), and with
 * `compare`, runs the other file with the same seed and rounds, checks the populations match,
 * and attaches the A/B comparison as `report.compare`. Print `reportJson(report)` for
 * `--json`, write `renderHtml(report)` for `--out`.
 *
 * @throws {SimulateError} `scenario_invalid`, `setup_failed`, `persona_failed`,
 * `check_failed`, `not_comparable`.
 * @example
 * ```ts
 * const report = await runScenarioFile("scenarios/pool.ts", { seed: 42, compare: "scenarios/broken-pool.ts" });
 * process.stdout.write(reportJson(report));
 * writeFileSync("report.html", renderHtml(report));
 * ```
 */
export async function runScenarioFile(
  file: string,
  options: SimulateOptions = {},
): Promise<SimulationReport> {
  const overrides = {
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.rounds === undefined ? {} : { rounds: options.rounds }),
  };
  const a = await runFile(file, options, overrides);
  if (!options.compare) return a;
  const b = await runFile(options.compare, options, { seed: a.seed, rounds: a.rounds });
  requireSamePopulation(a.population, b.population, [a.scenario, b.scenario]);
  return { ...a, compare: compareReports(a, b) };
}
