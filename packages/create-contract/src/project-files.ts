import type { TemplateInfo } from "./catalog.js";
import type { ScriptMap, TemplateManifest } from "./generate/template-manifest.js";
import type { PackageManager } from "./package-manager.js";

/** What the generated files are rendered from. */
export interface ProjectSpec {
  readonly packageName: string;
  readonly info: TemplateInfo;
  readonly manifest: TemplateManifest;
  readonly packageManager: PackageManager;
}

/** Marketplace id of the Ecology VS Code extension (publisher.name of apps/vscode). */
export const EXTENSION_ID = "ecology.ecology-vscode";
/** The principal the generated `kernel:init` script creates and `deploy` deploys as. */
export const DEV_PRINCIPAL = "dev";

/**
 * How to run a script: `npm test` / `npm run x`, `pnpm test` / `pnpm run x`. Always `run` for
 * anything but test, because `pnpm deploy` and `pnpm setup` are pnpm's own commands.
 */
export function runScript(pm: PackageManager, script: string): string {
  return script === "test" ? `${pm} test` : `${pm} run ${script}`;
}

/**
 * How to run a script with extra arguments: npm needs `--` before them, while pnpm passes
 * everything after the script name through as it is — a `--` included, which `ecology` would then
 * read as the end of its options (`pnpm run dev -- --port 0`: "too many arguments for 'dev'").
 */
export function runScriptWithArgs(pm: PackageManager, script: string, args: string): string {
  return pm === "npm" ? `${runScript(pm, script)} -- ${args}` : `${runScript(pm, script)} ${args}`;
}

/** The deploy command for the template's contract, with its first constructor args. */
export function deployCommand(info: TemplateInfo): string {
  const args = info.deployArgs.length > 0 ? ` --args '${JSON.stringify(info.deployArgs)}'` : "";
  return `ecology deploy ${info.contract} --as ${DEV_PRINCIPAL} --id ${info.artifactId}${args}`;
}

/** The first invoke of the deployed contract, as a shell command. */
export function invokeCommand(info: TemplateInfo): string {
  const args = info.tryInvoke.args.map((a) => ` '${JSON.stringify(a)}'`).join("");
  return `ecology invoke ${info.artifactId} ${info.tryInvoke.method}${args} --as ${DEV_PRINCIPAL}`;
}

/**
 * The install that brings only what writing and compiling a contract needs: the production
 * dependencies, `@ecology/sdk` (the authoring API and its compiler) and `@ecology/protocol`. The
 * kernel and its native SQLite addon come with the dev tools (`@ecology/testing`, `@ecology/cli`),
 * so a template whose dependencies leave out `@ecology/kernel` installs this way with no native
 * build — for a CI job that only compiles, or a project that deploys to a kernel elsewhere.
 */
export function contractOnlyInstall(pm: PackageManager): string {
  return pm === "npm" ? "npm install --omit=dev" : "pnpm install --prod";
}

/** Whether the project's own dependencies stay free of the kernel (and its native module). */
export function hasContractOnlyInstall(manifest: TemplateManifest): boolean {
  return !("@ecology/kernel" in manifest.dependencies);
}

/** The scripts every generated project has (a template's own scripts come on top). */
export function projectScripts(info: TemplateInfo): ScriptMap {
  return {
    test: "vitest run",
    build: `ecology build ${info.contract}`,
    typecheck: "tsc --noEmit",
    "kernel:init": `ecology init && ecology principal create ${DEV_PRINCIPAL} --scrip 1000`,
    deploy: deployCommand(info),
    dev: "ecology dev",
  };
}

/** The generated package.json (as text, trailing newline). */
export function renderPackageJson(spec: ProjectSpec): string {
  const { info, manifest } = spec;
  const pkg = {
    name: spec.packageName,
    version: "0.1.0",
    private: true,
    type: "module",
    description: `${info.hint.charAt(0).toUpperCase()}${info.hint.slice(1)}.`,
    // The generator refuses a template script that would shadow one of these.
    scripts: { ...projectScripts(info), ...(manifest.scripts ?? {}) },
    dependencies: sorted(manifest.dependencies),
    devDependencies: sorted(manifest.devDependencies),
    // Dependency install scripts must be allowed by name: pnpm 10 skips unlisted ones, and npm 11
    // warns (npm 12 blocks). The kernel needs better-sqlite3's native addon; the compiler esbuild.
    allowScripts: { "better-sqlite3": true, esbuild: true },
    pnpm: { onlyBuiltDependencies: ["better-sqlite3", "esbuild"] },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

function sorted(deps: { [name: string]: string }): { [name: string]: string } {
  return Object.fromEntries(Object.entries(deps).sort(([a], [b]) => a.localeCompare(b)));
}

/** A standalone strict tsconfig: the project must not depend on this monorepo's base config. */
export function renderTsconfig(): string {
  const config = {
    compilerOptions: {
      target: "ES2022",
      lib: ["ES2023"],
      module: "NodeNext",
      moduleResolution: "NodeNext",
      strict: true,
      noUncheckedIndexedAccess: true,
      verbatimModuleSyntax: true,
      isolatedModules: true,
      resolveJsonModule: true,
      skipLibCheck: true,
      noEmit: true,
      types: ["node"],
    },
    include: ["src", "vitest.config.ts"],
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** Vitest config: the first deploy in a test compiles TypeScript, which outlasts the 5 s default. */
export function renderVitestConfig(): string {
  return [
    'import { defineConfig } from "vitest/config";',
    "",
    "// Deploying a contract compiles it with TypeScript and esbuild: allow more than the 5 s default.",
    "export default defineConfig({ test: { testTimeout: 30_000, hookTimeout: 60_000 } });",
    "",
  ].join("\n");
}

/** `.vscode/extensions.json` recommending the Ecology extension. */
export function renderExtensionsJson(): string {
  return `${JSON.stringify({ recommendations: [EXTENSION_ID] }, null, 2)}\n`;
}

/** `.gitignore`: written by code because npm renames `.gitignore` files inside packages. */
export function renderGitignore(): string {
  return ["node_modules", "dist", ".ecology", "coverage", "*.tsbuildinfo", ""].join("\n");
}
