import { dirname, resolve } from "node:path";
import type { ContractCode } from "@ecology/protocol";
import { isValidId } from "@ecology/protocol";
import { compileContract, formatDiagnostic } from "@ecology/sdk/compiler";
import { loadDefault } from "./load-module.js";
import type { Persona } from "./persona.js";
import type { Group } from "./population.js";
import type { Scenario } from "./scenario.js";
import { SimulateError } from "./simulate-error.js";

/** A scenario ready to run: options applied, personas loaded, contracts compiled. */
export interface PreparedScenario {
  readonly scenario: Scenario;
  /** Folder that relative paths in the scenario start from. */
  readonly baseDir: string;
  readonly seed: number;
  readonly rounds: number;
  readonly roundMs: number;
  readonly deployer: string;
  readonly groups: readonly Group[];
  /** Compiled contracts and blueprints by the file name the scenario wrote. */
  readonly codes: ReadonlyMap<string, ContractCode>;
  readonly onProgress?: (round: number, rounds: number) => void;
}

/** Options of a run; each overrides the scenario's own value. */
export interface RunOptions {
  seed?: number;
  rounds?: number;
  /** Folder relative paths start from (a scenario file's own folder when run from a file). */
  baseDir?: string;
  /** Called after every round (for progress on a terminal). */
  onProgress?: (round: number, rounds: number) => void;
}

function invalid(name: string, message: string): never {
  throw new SimulateError("scenario_invalid", `scenario ${name}: ${message}`);
}

function isCount(v: unknown, min: number): v is number {
  return Number.isSafeInteger(v) && (v as number) >= min;
}

function checkShape(s: Scenario): void {
  const name = typeof s?.name === "string" && s.name !== "" ? s.name : invalid("?", "needs a name");
  if (!isCount(s.rounds, 1)) invalid(name, "rounds must be a positive integer");
  if (s.roundMs !== undefined && !isCount(s.roundMs, 1))
    invalid(name, "roundMs must be a positive integer");
  if (!Array.isArray(s.population) || s.population.length === 0)
    invalid(name, "population must list at least one group");
  s.population.forEach((g, i) => {
    if (!isCount(g?.count, 1)) invalid(name, `population[${i}].count must be a positive integer`);
    if (!isCount(g.scrip, 0))
      invalid(name, `population[${i}].scrip must be a non-negative integer`);
  });
  for (const c of s.contracts ?? [])
    if (!isValidId(c?.id) || typeof c.file !== "string")
      invalid(name, `contract ${JSON.stringify(c?.id)} needs a valid id and a file`);
  for (const inv of [...(s.invariants ?? []), ...(s.metrics ?? [])])
    if (typeof inv?.name !== "string") invalid(name, "every invariant and metric needs a name");
}

function isPersona(p: unknown): p is Persona {
  const x = p as Persona | undefined;
  return typeof x?.name === "string" && x.name !== "" && typeof x.act === "function";
}

async function loadGroups(s: Scenario, baseDir: string): Promise<Group[]> {
  const groups: Group[] = [];
  for (const [i, g] of s.population.entries()) {
    const persona =
      typeof g.persona === "string"
        ? await loadDefault(resolve(baseDir, g.persona), "a persona ({ name, act })")
        : g.persona;
    if (!isPersona(persona))
      invalid(s.name, `population[${i}].persona is not a persona ({ name, act(view, rng) })`);
    const name = g.name ?? persona.name;
    if (groups.some((other) => other.name === name))
      invalid(s.name, `two population groups are named ${name}; give one a name`);
    groups.push({ name, persona, count: g.count, scrip: g.scrip });
  }
  return groups;
}

async function compileAll(s: Scenario, baseDir: string): Promise<Map<string, ContractCode>> {
  const files = [...(s.contracts ?? []).map((c) => c.file), ...Object.values(s.blueprints ?? {})];
  const codes = new Map<string, ContractCode>();
  for (const file of files) {
    if (codes.has(file)) continue;
    const built = await compileContract(resolve(baseDir, file));
    if (!built.ok) {
      const lines = built.diagnostics.map(formatDiagnostic).join("\n");
      throw new SimulateError(
        "setup_failed",
        `scenario ${s.name}: ${file} does not compile:\n${lines}`,
      );
    }
    codes.set(file, built.code);
  }
  return codes;
}

/**
 * Checks a scenario, applies the run options, loads persona files and compiles every contract
 * and blueprint (relative paths from `baseDir`).
 *
 * @throws {SimulateError} `scenario_invalid` for a malformed scenario or persona,
 * `setup_failed` for a contract that does not compile.
 */
export async function prepareScenario(
  scenario: Scenario,
  options: RunOptions = {},
): Promise<PreparedScenario> {
  checkShape(scenario);
  const baseDir = resolve(options.baseDir ?? process.cwd());
  const seed = options.seed ?? scenario.seed ?? 1;
  const rounds = options.rounds ?? scenario.rounds;
  if (!isCount(seed, 0) || seed > 0xffffffff)
    invalid(scenario.name, "seed must be an integer from 0 to 4294967295");
  if (!isCount(rounds, 1)) invalid(scenario.name, "rounds must be a positive integer");
  return {
    scenario,
    baseDir,
    seed,
    rounds,
    roundMs: scenario.roundMs ?? 60_000,
    deployer: scenario.deployer ?? "deployer",
    groups: await loadGroups(scenario, baseDir),
    codes: await compileAll(scenario, baseDir),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  };
}

/** The folder of a scenario file, where its relative paths start. */
export function scenarioDir(file: string): string {
  return dirname(resolve(file));
}
