import { basename } from "node:path";
import { compareReports, requireSamePopulation } from "./compare.js";
import { loadDefault } from "./load-module.js";
import { type PreparedScenario, prepareScenario, type RunOptions, scenarioDir } from "./prepare.js";
import { buildReport, populationOf, type SimulationReport } from "./report.js";
import { simulate } from "./run.js";
import type { Scenario } from "./scenario.js";
import { type ShrinkOptions, shrinkViolation } from "./shrink.js";

/** Options of {@link runScenario}. */
export interface RunScenarioOptions extends RunOptions {
  shrink?: ShrinkOptions;
}

/** Runs a prepared scenario, shrinks each violation, and closes the kernel. */
async function runPrepared(
  prepared: PreparedScenario,
  shrink?: ShrinkOptions,
): Promise<SimulationReport> {
  const { sim, trace } = await simulate(prepared);
  try {
    const counterexamples = trace.violations.map((v) => shrinkViolation(sim, trace, v, shrink));
    return buildReport(trace, counterexamples);
  } finally {
    sim.kernel.close();
  }
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
  return runPrepared(await prepareScenario(scenario, options), options.shrink);
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

async function prepareFile(
  file: string,
  options: SimulateOptions,
  overrides: { seed?: number; rounds?: number },
) {
  const scenario = await loadScenario(file);
  const name = typeof scenario?.name === "string" ? scenario.name : basename(file);
  const progress = options.onProgress;
  return prepareScenario(scenario, {
    ...overrides,
    baseDir: scenarioDir(file),
    ...(progress ? { onProgress: (r: number, n: number) => progress(r, n, name) } : {}),
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
  const a = await prepareFile(file, options, {
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.rounds === undefined ? {} : { rounds: options.rounds }),
  });
  // Both sides are prepared before either runs, so a mismatched A/B fails at once.
  const b = options.compare
    ? await prepareFile(options.compare, options, { seed: a.seed, rounds: a.rounds })
    : undefined;
  if (b)
    requireSamePopulation(populationOf(a.groups), populationOf(b.groups), [
      a.scenario.name,
      b.scenario.name,
    ]);
  const report = await runPrepared(a, options.shrink);
  if (!b) return report;
  return { ...report, compare: compareReports(report, await runPrepared(b, options.shrink)) };
}
