import {
  DEV_PRINCIPAL,
  deployCommand,
  EXTENSION_ID,
  invokeCommand,
  type ProjectSpec,
  runScript,
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
    [run("build"), `compile ${info.contract}, print its manifest`],
    [run("kernel:init"), `.ecology/: a local kernel and principal "${DEV_PRINCIPAL}"`],
    [run("deploy"), deployCommand(info)],
    [`${exec} ${invokeCommand(info)}`, "call it"],
    [run("dev"), "serve the kernel on http://127.0.0.1:7420 (explorer at /)"],
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
    `Open the folder in VS Code and accept the recommended extension (\`${EXTENSION_ID}\`): contracts`,
    "are checked as you type, and Run ▶ / Deploy lenses talk to the local kernel.",
    "",
    "## Layout",
    "",
    `- \`${info.contract}\`: the main contract (\`defineContract\` from \`@ecology/sdk\`).`,
    "- `src/*.test.ts`: tests on a real in-process kernel (`vitest run`).",
    "- `.ecology/`: the local kernel's database and credentials once initialised (git-ignored).",
    "",
    "Contracts run in a deterministic sandbox: no `Date`, `Math.random`, timers or I/O — use",
    "`ctx.now`, `ctx.random()` and `ctx.state`. Deploy args in `package.json` use POSIX shell",
    "quoting; on Windows run the deploy command from the README in PowerShell or Git Bash.",
    "",
  ];
  if (manifest.patternDocs) {
    lines.push("## About this pattern", "", demoteHeadings(manifest.patternDocs), "");
  }
  return lines.join("\n");
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
