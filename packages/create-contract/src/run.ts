import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { templateInfo } from "./catalog.js";
import { type InstallResult, installDependencies } from "./install.js";
import { detectPackageManager, type PackageManager } from "./package-manager.js";
import { type CliOptions, parseOptions, USAGE } from "./parse-options.js";
import { deployCommand, invokeCommand, runScript } from "./project-files.js";
import { CANCELLED, type Prompter } from "./prompter.js";
import { type Choices, resolveChoices } from "./resolve-choices.js";
import { scaffoldProject } from "./scaffold.js";
import { inspectTarget, notEmptyMessage } from "./target-dir.js";

/** Where {@link runCreateContract} reads and writes; every field has a process default. */
export interface RunContext {
  readonly cwd?: string;
  readonly out?: (text: string) => void;
  readonly err?: (text: string) => void;
  /** Asks the questions; when absent no prompt is shown (the `--yes` / no-TTY behaviour). */
  readonly prompter?: Prompter;
  /** `npm_config_user_agent`, to default the package manager to the one that launched us. */
  readonly userAgent?: string;
  readonly templatesDir?: string;
  readonly install?: (dir: string, pm: PackageManager) => Promise<InstallResult>;
}

/**
 * The whole `create-contract` command: parse flags, ask what is missing (only with a
 * prompter), refuse a non-empty directory unless `--force` (or the user confirms), write the
 * project, install, print next steps. Resolves with the exit code: 0 done, 1 refused or install
 * failed, 2 usage error, 130 cancelled.
 *
 * @throws CreateContractError only for a broken package (templates missing).
 * @example
 * ```ts
 * process.exitCode = await runCreateContract(["my-pool", "--template", "pool", "--yes"]);
 * ```
 */
export async function runCreateContract(
  argv: readonly string[],
  context: RunContext = {},
): Promise<number> {
  const out = context.out ?? ((t: string) => process.stdout.write(t));
  const err = context.err ?? ((t: string) => process.stderr.write(t));
  const exit = (print: (t: string) => void, text: string, code: number) => {
    print(text);
    return code;
  };
  const parsed = parseOptions(argv);
  if (!parsed.ok) {
    const hint = "Run create-contract --help for usage.";
    return exit(err, `create-contract: ${parsed.message}\n${hint}\n`, 2);
  }
  const options = parsed.options;
  if (options.help) return exit(out, USAGE, 0);
  if (options.version) return exit(out, `${packageVersion()}\n`, 0);
  const prompter = options.yes ? undefined : context.prompter;
  const detected = detectPackageManager(context.userAgent);
  const choices = await resolveChoices(options, { detected, ...(prompter ? { prompter } : {}) });
  if (choices === CANCELLED) return exit(err, `${CANCEL_MESSAGE}\n`, 130);
  const cwd = context.cwd ?? process.cwd();
  const dir = resolve(cwd, choices.dir);
  const refusal = await checkTarget(dir, options, prompter);
  if (refusal !== undefined) {
    return exit(err, `${refusal}\n`, refusal === CANCEL_MESSAGE ? 130 : 1);
  }
  return create(dir, choices, { ...context, cwd, out, err });
}

const CANCEL_MESSAGE = "Cancelled; nothing was written.";

/** Writes, installs and prints next steps; the exit code. */
async function create(
  dir: string,
  choices: Choices,
  context: RunContext & Required<Pick<RunContext, "cwd" | "out" | "err">>,
): Promise<number> {
  const result = scaffoldProject({
    dir,
    template: choices.template,
    packageManager: choices.packageManager,
    willInstall: choices.install,
    ...(context.templatesDir ? { templatesDir: context.templatesDir } : {}),
  });
  context.out(`Created ${result.packageName} from the ${choices.template} template in ${dir}\n`);
  if (choices.install) {
    const install = context.install ?? installDependencies;
    const installed = await install(dir, choices.packageManager);
    if (!installed.ok) {
      context.err(
        `${installed.message}. The files are written; run the install again in ${dir}.\n`,
      );
      return 1;
    }
  }
  const shown = relative(context.cwd, dir);
  context.out(nextSteps(shown.startsWith("..") ? dir : shown || ".", choices));
  return 0;
}

/** A refusal message for the target directory, or undefined when it may be written. */
async function checkTarget(
  dir: string,
  options: CliOptions,
  prompter: Prompter | undefined,
): Promise<string | undefined> {
  const state = inspectTarget(dir);
  if (state.kind === "not-a-directory") return `${dir} exists and is not a directory.`;
  if (state.kind !== "not-empty" || options.force) return undefined;
  const message = notEmptyMessage(dir, state.entries);
  if (!prompter) return message;
  const answer = await prompter.overwrite(`${dir} is not empty.`);
  if (answer === CANCELLED) return CANCEL_MESSAGE;
  return answer ? undefined : message;
}

function nextSteps(where: string, choices: Choices): string {
  const info = templateInfo(choices.template);
  const pm = choices.packageManager;
  const exec = pm === "npm" ? "npx" : "pnpm exec";
  const steps: [string, string][] = [
    [`cd ${where}`, ""],
    ...(choices.install ? [] : [[`${pm} install`, ""] as [string, string]]),
    [runScript(pm, "test"), "run the tests"],
    [runScript(pm, "kernel:init"), 'create a local kernel and principal "dev"'],
    [runScript(pm, "deploy"), deployCommand(info)],
    [`${exec} ${invokeCommand(info)}`, ""],
  ];
  const width = Math.max(...steps.filter(([, note]) => note).map(([c]) => c.length)) + 2;
  const lines = steps.map(
    ([command, note]) => `  ${note ? command.padEnd(width) + note : command}`,
  );
  return ["", "Next steps:", ...lines, ""].join("\n");
}

function packageVersion(): string {
  // src/ and dist/ are both one level below the package root.
  const url = new URL("../package.json", import.meta.url);
  return (JSON.parse(readFileSync(url, "utf8")) as { version: string }).version;
}
