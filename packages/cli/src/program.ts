import { createRequire } from "node:module";
import { Command, CommanderError, Option } from "commander";
import { CliError } from "./cli-error.js";
import { registerAdminCommands } from "./commands/admin.js";
import { registerBalanceCommand } from "./commands/balances.js";
import { registerContractCommands } from "./commands/contracts.js";
import { registerDataCommands } from "./commands/data.js";
import { registerDevCommand } from "./commands/dev.js";
import { registerEventsCommand } from "./commands/events.js";
import { registerGrantCommands } from "./commands/grants.js";
import { registerJournalCommands } from "./commands/journal.js";
import { registerMcpCommand } from "./commands/mcp.js";
import { registerPolicyCommand } from "./commands/policy.js";
import { registerReplayCommand } from "./commands/replay.js";
import { registerSimulateCommand } from "./commands/simulate.js";
import { registerTxCommand } from "./commands/tx.js";
import { registerUpgradeCommand } from "./commands/upgrade.js";
import { registerViewCommands } from "./commands/views.js";
import { CommandContext } from "./context.js";
import { hintFor } from "./hints.js";
import { failureEnvelope, type Io, printError } from "./output.js";

/** Where {@link runCli} reads and writes; defaults to the process's. */
export interface RunOptions {
  io?: Io;
  cwd?: string;
  /** Aborted to stop long-running commands (`dev`, `events --follow`); SIGINT does it in the binary. */
  signal?: AbortSignal;
}

/** Wraps a command body: builds its context, turns CliErrors into one-line failures, closes. */
export type Handle = <A extends unknown[]>(
  body: (ctx: CommandContext, ...args: A) => Promise<void>,
) => (...args: unknown[]) => Promise<void>;

/**
 * Runs the `ecology` command with `argv` (without `node` and the script) and resolves with its
 * exit code: 0 on success, 1 when the operation failed, 2 for a usage error. Never throws.
 *
 * @example
 * ```ts
 * const code = await runCli(["balance", "--json"], { cwd: "/tmp/economy" });
 * ```
 */
export async function runCli(argv: string[], options: RunOptions = {}): Promise<number> {
  const io = options.io ?? {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    errIsTty: process.stderr.isTTY === true,
  };
  const cwd = options.cwd ?? process.cwd();
  const signal = options.signal ?? new AbortController().signal;
  let exitCode = 0;
  const handle: Handle =
    (body) =>
    async (...args) => {
      const command = args.at(-1) as Command;
      const ctx = new CommandContext(
        io,
        command.optsWithGlobals(),
        cwd,
        commandPath(command),
        targetOf(command, args),
      );
      try {
        await body(ctx, ...(args.slice(0, -1) as never));
      } catch (error) {
        if (!(error instanceof CliError)) throw error;
        ctx.failWith(error);
      } finally {
        await ctx.close();
      }
      exitCode = ctx.exitCode;
    };
  const program = buildProgram(io, handle, signal);
  try {
    await program.parseAsync(withoutScriptSeparator(argv), { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const message = error instanceof Error ? error.message : String(error);
    const failure = failureEnvelope("internal", message);
    if (!failure.success)
      printError(io, failure, hintFor(failure.error, { command: argv[0] ?? "" }));
    return 1;
  }
}

/** The package version; `../package.json` is the same file from `src/` and from `dist/`. */
const { version } = createRequire(import.meta.url)("../package.json") as { version: string };

function buildProgram(io: Io, handle: Handle, signal: AbortSignal): Command {
  const program = new Command("ecology")
    .version(version, "-v, --version")
    .description("Run an agent economy: principals, scrip, artifacts, contracts and the event log.")
    .option("--json", "print exactly the envelope or data, as JSON")
    .addOption(
      new Option(
        "--kernel <url>",
        "talk to a kernel server (e.g. http://127.0.0.1:7420) instead of .ecology/kernel.db",
      ).env("ECOLOGY_KERNEL"),
    )
    .addOption(
      new Option(
        "--token <token>",
        "act with this token (a grant's, a principal's or the operator's) instead of --as's",
      ).env("ECOLOGY_TOKEN"),
    )
    .addOption(
      new Option("--dir <path>", "the .ecology folder to use")
        .env("ECOLOGY_DIR")
        .default(".ecology"),
    )
    .showHelpAfterError("(add --help for usage)")
    .configureHelp({ showGlobalOptions: true })
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  program.addHelpText(
    "after",
    "\nExamples:\n  $ ecology init\n  $ ecology principal create alice --scrip 100\n  $ ecology dev --port 7420",
  );
  registerAdminCommands(program, handle);
  registerBalanceCommand(program, handle);
  registerContractCommands(program, handle);
  registerUpgradeCommand(program, handle);
  registerPolicyCommand(program, handle);
  registerDataCommands(program, handle);
  registerViewCommands(program, handle);
  registerEventsCommand(program, handle, signal);
  registerTxCommand(program, handle);
  registerJournalCommands(program, handle);
  registerReplayCommand(program, handle);
  registerGrantCommands(program, handle);
  registerDevCommand(program, handle, signal);
  registerSimulateCommand(program, handle);
  registerMcpCommand(program, handle, signal);
  for (const command of program.commands) inheritSettings(command, io);
  return program;
}

/** The id a command addresses: its first argument when that is named `artifact` or `id`. */
function targetOf(command: Command, args: unknown[]): string | undefined {
  const first = command.registeredArguments[0]?.name();
  return (first === "artifact" || first === "id") && typeof args[0] === "string"
    ? args[0]
    : undefined;
}

/** `principal create` for that subcommand: the names from below the program down to it. */
function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(" ");
}

function inheritSettings(command: Command, io: Io): void {
  command.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
  command.showHelpAfterError("(add --help for usage)");
  for (const sub of command.commands) inheritSettings(sub, io);
}

/**
 * Drops a lone `--` standing first or right after the command name. pnpm passes the `--` of
 * `pnpm run dev -- --port 0` on to the script (npm strips it), and commander would then read
 * `--port 0` as positional arguments. A `--` later on (`invoke x m -- -5`) keeps its meaning.
 */
function withoutScriptSeparator(argv: string[]): string[] {
  const at = argv.slice(0, 2).indexOf("--");
  return at === -1 ? argv : [...argv.slice(0, at), ...argv.slice(at + 1)];
}
