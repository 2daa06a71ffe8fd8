import { existsSync, statSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { SimulateError, SimulationReport } from "@ecology/simulate";
import { type Command, InvalidArgumentError } from "commander";
import { CliError } from "../cli-error.js";
import type { CommandContext } from "../context.js";
import { printable } from "../output.js";
import type { Handle } from "../program.js";
import { progressLine } from "../progress.js";
import { resolveScenario } from "../scenario-files.js";
import { printSimulationSummary } from "../simulate-summary.js";

// Loaded on demand: the simulator brings esbuild and the compiler, which other commands skip.
const simulator = () => import("@ecology/simulate");

/** The largest seed a scenario accepts (seeds are unsigned 32-bit integers). */
const MAX_SEED = 0xffff_ffff;

/** Parses `--seed n`: a whole number from 0 to 4294967295. Throws commander's usage error. */
export function parseSeed(text: string): number {
  const n = /^\d{1,10}$/.test(text) ? Number(text) : Number.NaN;
  if (!(n >= 0 && n <= MAX_SEED))
    throw new InvalidArgumentError(`expected a whole number from 0 to ${MAX_SEED}`);
  return n;
}

/** Parses `--rounds n`: a positive whole number. Throws commander's usage error. */
export function parseRounds(text: string): number {
  const n = /^\d{1,9}$/.test(text) ? Number(text) : Number.NaN;
  if (!(n >= 1)) throw new InvalidArgumentError("expected a whole number of at least 1");
  return n;
}

interface SimulateFlags {
  seed?: number;
  rounds?: number;
  out?: string;
  compare?: string;
  journals?: string;
}

/** A name safe as part of a file name. */
const fileSafe = (text: string) => text.replace(/[^A-Za-z0-9_.-]+/g, "-").replace(/^-+|-+$/g, "");

/**
 * Writes each violation's shrunk counterexample as a journal (JSON lines) in `dir`, named
 * `<scenario>-<invariant>.jsonl`, and says where on stderr (stdout may be the `--json` report).
 */
async function writeJournals(
  ctx: CommandContext,
  dir: string,
  runs: { report: SimulationReport; file: string }[],
): Promise<void> {
  const { counterexampleJournal } = await simulator();
  for (const { report, file } of runs) {
    for (const v of report.violations) {
      const records = await counterexampleJournal(v.counterexample, dirname(file));
      const path = resolve(dir, `${fileSafe(report.scenario)}-${fileSafe(v.invariant)}.jsonl`);
      writeFileSync(path, records.map((r) => `${JSON.stringify(r)}\n`).join(""));
      ctx.io.err(
        `counterexample of "${printable(v.invariant)}" (${records.length} operations): ecology replay --journal ${printable(path)}\n`,
      );
    }
  }
}

/** What to do about each way a scenario cannot run (`SimulateError` codes). */
const SIMULATE_HINTS: { [code in SimulateError["code"]]: string } = {
  scenario_invalid: "the file must default-export defineScenario({ ... }); fix it and run again",
  setup_failed: "a contract of the scenario does not compile or deploy; fix it and run again",
  persona_failed: "a persona's act() threw or returned something that is not an action",
  check_failed: "an invariant, metric or wealth function threw: a bug in the scenario",
  not_comparable: "an A/B varies the mechanism only: give both scenarios the same population",
};

/**
 * A scenario that cannot run, as the CLI's error: `invalid_argument` (the scenario is the
 * command's argument) with the simulator's own code in `details.simulateError`.
 */
function fromSimulateError(error: SimulateError): CliError {
  return new CliError("invalid_argument", error.message, SIMULATE_HINTS[error.code], {
    simulateError: error.code,
  });
}

/** `--journals`' absolute path, refused before a long run when it is not a folder. */
function folderPath(ctx: CommandContext, folder: string | undefined): string | undefined {
  if (folder === undefined) return undefined;
  const path = resolve(ctx.cwd, folder);
  if (!existsSync(path) || !statSync(path).isDirectory())
    throw new CliError("not_found", `no folder ${folder} to write journals in`, "create it first");
  return path;
}

/** `--out`'s absolute path, refused before a long run when its folder does not exist. */
function outPath(ctx: CommandContext, out: string | undefined): string | undefined {
  if (out === undefined) return undefined;
  const path = resolve(ctx.cwd, out);
  const folder = dirname(path);
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw new CliError("not_found", `no folder ${folder} to write ${out} in`, "create it first");
  if (existsSync(path) && statSync(path).isDirectory())
    throw new CliError("invalid_argument", `--out ${out} is a folder`, "name an .html file");
  return path;
}

/** Whether either side of the run broke an invariant (the command then exits 1). */
export function anyViolation(report: SimulationReport): boolean {
  return report.violations.length > 0 || (report.compare?.report.violations.length ?? 0) > 0;
}

async function runSimulation(
  ctx: CommandContext,
  scenario: string,
  opts: SimulateFlags,
): Promise<SimulationReport> {
  const { runScenarioFile, SimulateError } = await simulator();
  const line = progressLine(ctx.io, !ctx.json);
  const compare = opts.compare === undefined ? {} : { compare: opts.compare };
  try {
    return await runScenarioFile(scenario, {
      ...(opts.seed === undefined ? {} : { seed: opts.seed }),
      ...(opts.rounds === undefined ? {} : { rounds: opts.rounds }),
      ...compare,
      onProgress: (round, rounds, name) =>
        line.update(`simulate ${printable(name)}: round ${round}/${rounds}`),
    });
  } catch (error) {
    if (error instanceof SimulateError) throw fromSimulateError(error);
    throw error;
  } finally {
    line.done();
  }
}

/** `simulate`: seeded agent populations against a scenario's contracts on an in-memory kernel. */
export function registerSimulateCommand(program: Command, handle: Handle): void {
  program
    .command("simulate <scenario>")
    .description(
      "run a scenario's agents (honest, free-rider, sybil, …) against its contracts on a fresh in-memory kernel and report welfare, profit, exploitation and invariant violations; exits 1 when an invariant broke",
    )
    .option("--seed <n>", "the seed (default: the scenario's)", parseSeed)
    .option("--rounds <n>", "how many rounds (default: the scenario's)", parseRounds)
    .option("--out <file>", "also write the report as one offline HTML page")
    .option("--compare <scenario>", "A/B: run this variant with the same seed and population")
    .option(
      "--journals <folder>",
      "write each violation's shrunk counterexample as a journal that `ecology replay --journal` re-executes",
    )
    .addHelpText(
      "after",
      "\n<scenario> is a file, or a name in the project's scenarios/ folder.\n" +
        "\nExamples:\n  $ ecology simulate pool --seed 7\n" +
        "  $ ecology simulate scenarios/pool.ts --compare scenarios/broken-pool.ts --out report.html\n" +
        "  $ ecology simulate pool --json > report.json",
    )
    .action(
      handle(async (ctx, scenario: string, opts: SimulateFlags) => {
        const file = resolveScenario(scenario, ctx.cwd);
        const other =
          opts.compare === undefined ? {} : { compare: resolveScenario(opts.compare, ctx.cwd) };
        const out = outPath(ctx, opts.out);
        const journals = folderPath(ctx, opts.journals);
        const report = await runSimulation(ctx, file, { ...opts, ...other });
        const { renderHtml, reportJson } = await simulator();
        if (out !== undefined) writeFileSync(out, renderHtml(report));
        if (journals !== undefined) {
          const runs = [{ report, file }];
          if (report.compare && other.compare)
            runs.push({ report: report.compare.report, file: other.compare });
          await writeJournals(ctx, journals, runs);
        }
        if (ctx.json) ctx.io.out(reportJson(report));
        else printSimulationSummary(ctx.io, report, out);
        if (anyViolation(report)) ctx.exitCode = 1;
      }),
    );
}
