import { type ContractCode, replay } from "@ecology/kernel";
import type { JournalRecord, ReplayReport } from "@ecology/protocol";
import type { Command } from "commander";
import { compiler, failBuild } from "../build-failure.js";
import { CliError } from "../cli-error.js";
import type { CommandContext } from "../context.js";
import { journalRecords } from "../journal-pages.js";
import { pickDefined } from "../objects.js";
import { colors, printable, printJson } from "../output.js";
import { collectPair, parseSeq } from "../parse-args.js";
import type { Handle } from "../program.js";
import { readJournalFile } from "../replay/journal-file.js";
import { reportLines } from "../replay/report-text.js";

interface ReplayFlags {
  journal?: string;
  from?: number;
  to?: number;
  with: { [artifact: string]: string };
}

/** Exit code when the replay could not run (usage, unreadable or broken journal, bad --with). */
const CANNOT_REPLAY = 2;

/** The records to replay: from `--journal`, else this economy's, paged as the operator. */
async function readRecords(ctx: CommandContext, opts: ReplayFlags): Promise<JournalRecord[]> {
  if (opts.journal !== undefined) return readJournalFile(opts.journal, ctx.cwd);
  const records: JournalRecord[] = [];
  const range = pickDefined({ to: opts.to });
  for await (const record of journalRecords(ctx, ctx.operatorToken(), range)) records.push(record);
  return records;
}

/** Compiles each `--with` file; undefined when one failed (reported already). */
async function overrides(
  ctx: CommandContext,
  files: { [artifact: string]: string },
): Promise<{ [artifact: string]: ContractCode } | undefined> {
  const code: { [artifact: string]: ContractCode } = {};
  const { compileForDeploy } = await compiler();
  for (const [id, file] of Object.entries(files)) {
    const built = await compileForDeploy(file, { cwd: ctx.cwd });
    if ("error" in built) {
      await failBuild(ctx, built);
      return undefined;
    }
    code[id] = built.code;
  }
  return code;
}

/** Runs the replay; undefined when it could not (the failure is reported already). */
async function replayReport(
  ctx: CommandContext,
  opts: ReplayFlags,
): Promise<ReplayReport | undefined> {
  const records = await readRecords(ctx, opts);
  const code = await overrides(ctx, opts.with);
  if (!code) return undefined;
  const envelope = await replay(records, pickDefined({ from: opts.from, to: opts.to, code }));
  if (envelope.success) return envelope.result;
  const { code: errorCode, message } = envelope.error;
  throw new CliError(errorCode, message, "give an unaltered export of `ecology journal export`");
}

async function runReplay(ctx: CommandContext, opts: ReplayFlags): Promise<void> {
  let report: ReplayReport | undefined;
  try {
    report = await replayReport(ctx, opts);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    ctx.failWith(error);
  }
  if (!report) {
    ctx.exitCode = CANNOT_REPLAY;
    return;
  }
  if (ctx.json) printJson(ctx.io, report);
  else for (const line of reportLines(report, colors)) ctx.io.out(`${printable(line)}\n`);
  ctx.exitCode = report.identical ? 0 : 1;
}

/**
 * `replay`: re-executes the journal on fresh in-process kernels (DESIGN.md §9). Without `--with`
 * it proves determinism; with `--with <id>=<file.ts>` it reports what the new code changes in
 * history. Exit 0 identical, 1 diverged (or determinism broken), 2 when it could not replay.
 */
export function registerReplayCommand(program: Command, handle: Handle): void {
  program
    .command("replay")
    .description(
      "re-execute the journal on fresh kernels; with --with, report what new code would have changed (exit 0 identical, 1 diverged, 2 cannot replay)",
    )
    .option("--journal <file>", "a file of `ecology journal export` (default: this economy's)")
    .option("--from <seq>", "first transaction compared (earlier ones are re-executed)", parseSeq)
    .option("--to <seq>", "last transaction replayed", parseSeq)
    .option(
      "--with <id=file>",
      "replay artifact <id> with the contract compiled from <file> (repeatable)",
      collectPair((file) => file),
      {},
    )
    .addHelpText(
      "after",
      "\nExamples:\n  $ ecology replay\n  $ ecology journal export > history.jsonl\n  $ ecology replay --journal history.jsonl --with pool=src/pool.ts",
    )
    .action(handle(async (ctx, opts: ReplayFlags) => runReplay(ctx, opts)));
}
