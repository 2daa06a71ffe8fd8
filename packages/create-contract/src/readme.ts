import {
  contractOnlyInstall,
  DEV_PRINCIPAL,
  deployCommand,
  EXTENSION_ID,
  hasContractOnlyInstall,
  invokeCommand,
  type ProjectSpec,
  runScript,
  runScriptWithArgs,
} from "./project-files.js";

/**
 * The generated README: what the project is, the next steps in order (install, test, build,
 * deploy on a local kernel, invoke, serve), where things are, then the pattern's own notes.
 */
export function renderReadme(spec: ProjectSpec, options: { installed: boolean }): string {
  const { info, manifest, packageManager: pm } = spec;
  const run = (script: string) => runScript(pm, script);
  const exec = pm === "npm" ? "npx" : "pnpm exec";
  const steps: [string, string][] = [
    ...(options.installed ? [] : [[`${pm} install`, "dependencies"] as [string, string]]),
    [run("test"), "the contract's tests on an in-process kernel"],
    [run("typecheck"), "type-check src with tsc"],
    [run("build"), `compile ${info.contract}, print its manifest`],
    [run("kernel:init"), `.ecology/: a local kernel and principal "${DEV_PRINCIPAL}"`],
    [run("deploy"), deployCommand(info)],
    [`${exec} ${invokeCommand(info)}`, "call it"],
    [run("dev"), "serve the kernel on http://127.0.0.1:7420 (explorer at /)"],
    [runScriptWithArgs(pm, "dev", "--port 0"), "the same on another port (0: any free one)"],
  ];
  const width = Math.max(...steps.map(([command]) => command.length)) + 2;
  const lines = [
    `# ${spec.packageName}`,
    "",
    `An [Ecology](https://github.com/ecology/ecology) contract project from the \`${info.name}\``,
    `template: ${info.hint}.`,
    "",
    "## Next steps",
    "",
    "```sh",
    ...steps.map(([command, note]) => `${command.padEnd(width)}# ${note}`),
    "```",
    "",
    "`dev` serves until Ctrl-C and prints its URL.",
    argumentsNote(pm),
    "",
    `Open the folder in VS Code and accept the recommended extension (\`${EXTENSION_ID}\`): contracts`,
    "are checked as you type, and Run ▶ / Deploy lenses talk to the local kernel.",
    "",
    "## Layout",
    "",
    `- \`${info.contract}\`: the main contract (\`defineContract\` from \`@ecology/sdk\`).`,
    "- `src/*.test.ts`: tests on a real in-process kernel (`vitest run`).",
    "- `.ecology/`: the local kernel's database and credentials once initialised (git-ignored).",
    ...contractOnlyNote(spec),
    "",
    "Contracts run in a deterministic sandbox: no `Date`, `Math.random`, timers or I/O — use",
    "`ctx.now`, `ctx.random()` and `ctx.state`. Deploy args in `package.json` use POSIX shell",
    "quoting; on Windows run the deploy command from the README in PowerShell or Git Bash.",
    "",
  ];
  if (manifest.patternDocs) {
    const docs = forPackageManager(manifest.patternDocs, pm);
    lines.push("## About this pattern", "", demoteHeadings(docs), "");
  }
  return lines.join("\n");
}

/** The Layout bullet on installing the contract toolchain alone, when the template allows it. */
function contractOnlyNote(spec: ProjectSpec): string[] {
  if (!hasContractOnlyInstall(spec.manifest)) return [];
  return [
    "- `package.json`: `@ecology/sdk` is the one dependency; the kernel and its native SQLite",
    "  addon come with the dev tools (`@ecology/testing`, `@ecology/cli`).",
    `  \`${contractOnlyInstall(spec.packageManager)}\` installs just what compiles a contract, with no native build`,
    "  (`compileContract` from `@ecology/sdk/compiler`), e.g. for a CI job that only compiles.",
  ];
}

/** How arguments reach a script, which is where npm and pnpm differ. */
function argumentsNote(pm: ProjectSpec["packageManager"]): string {
  return pm === "npm"
    ? "Arguments for a script go after `--`: `npm run dev -- --port 8080`."
    : "Arguments for a script go right after its name: `pnpm run dev --port 8080`\n" +
        "(no `--`: pnpm would pass it on to the command).";
}

/**
 * The example's monorepo commands as the project's own: `pnpm --filter @ecology/example-pool
 * test` → `npm test` / `pnpm test`, `… demo` → `npm run demo` / `pnpm run demo`.
 */
export function forPackageManager(markdown: string, pm: ProjectSpec["packageManager"]): string {
  return markdown.replace(/pnpm --filter @ecology\/[\w-]+ ([\w:-]+)/g, (_, script: string) =>
    runScript(pm, script),
  );
}

/** Nests a document under one heading: `#` → `##` outside code fences (shell comments stay). */
export function demoteHeadings(markdown: string): string {
  let fenced = false;
  return markdown
    .split("\n")
    .map((line) => {
      if (line.startsWith("```")) fenced = !fenced;
      return !fenced && /^#{1,5} /.test(line) ? `#${line}` : line;
    })
    .join("\n");
}
