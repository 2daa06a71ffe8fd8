import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { stripVTControlCharacters } from "node:util";

/** The repository root, from this file (scripts/test-fixtures). */
export const REPO_ROOT = resolve(import.meta.dirname, "..", "..");

/** Relative path → file content. */
export type Files = { readonly [path: string]: string };

/** The workspace packages of the mini repository, each importable by its `@ecology/` name. */
const PACKAGES = [
  "protocol",
  "runtime",
  "kernel",
  "sdk",
  "testing",
  "server",
  "cli",
  "language-server",
  "simulate",
] as const;

/**
 * A small monorepo shaped like this one and clean by the architecture rules: each package
 * exports `./src/index.ts` and is linked into `node_modules/@ecology/`, the kernel has a cycle
 * of type-only imports, the SDK imports the kernel for types (and, in a test, for values).
 */
export const CLEAN_FILES: Files = {
  "packages/protocol/src/index.ts": "export type Envelope = { success: boolean };\n",
  "packages/runtime/src/index.ts": "export const run = (code: string) => code.length;\n",
  "packages/kernel/src/index.ts": [
    'import type { Envelope } from "@ecology/protocol";',
    'import { run } from "@ecology/runtime";',
    'export { world } from "./world.js";',
    "export type Kernel = { invoke(): Envelope };",
    'export const kernelRun = () => run("x");',
    "",
  ].join("\n"),
  "packages/kernel/src/world.ts":
    'import type { Pipeline } from "./pipeline.js";\nexport type World = { pipeline?: Pipeline };\nexport const world: World = {};\n',
  "packages/kernel/src/pipeline.ts":
    'import type { World } from "./world.js";\nexport type Pipeline = (w: World) => void;\nexport const noop: Pipeline = () => {};\n',
  "packages/sdk/src/index.ts":
    'import type { Kernel } from "@ecology/kernel";\nimport type { Envelope } from "@ecology/protocol";\nexport type Deployer = (k: Kernel) => Envelope;\n',
  "packages/sdk/src/index.test.ts": 'import { kernelRun } from "@ecology/kernel";\nkernelRun();\n',
  "packages/testing/src/index.ts":
    'import { world } from "@ecology/kernel";\nimport type { Deployer } from "@ecology/sdk";\nexport const t: [unknown, Deployer?] = [world];\n',
  "packages/server/src/index.ts":
    'import { world } from "@ecology/kernel";\nexport const s = world;\n',
  "packages/cli/src/index.ts": 'import { s } from "@ecology/server";\nexport const c = s;\n',
  "packages/cli/src/simulate.ts":
    'import { simulate } from "@ecology/simulate";\nexport const run = simulate;\n',
  "packages/simulate/src/index.ts":
    'import { world } from "@ecology/kernel";\nimport type { Deployer } from "@ecology/sdk";\nexport const simulate: [unknown, Deployer?] = [world];\n',
  "examples/pool/scenarios/pool.ts":
    'import { simulate } from "@ecology/simulate";\nexport default simulate;\n',
  "packages/language-server/src/analysis/diagnose.ts":
    'import type { Deployer } from "@ecology/sdk";\nexport type D = Deployer;\n',
  "packages/language-server/src/server.ts":
    'import type { Connection } from "vscode-languageserver";\nexport type C = Connection;\n',
  "apps/vscode/src/extension.ts": 'import { c } from "@ecology/cli";\nexport const e = c;\n',
  "examples/pool/src/pool.ts":
    'import type { Deployer } from "@ecology/sdk";\nexport type P = Deployer;\n',
  "scripts/demo.ts": 'import { c } from "@ecology/cli";\nexport const d = c;\n',
  // The private bench package (`bench/`) measures the kernel from outside the packages.
  "bench/src/index.ts":
    'import { kernelRun } from "@ecology/kernel";\nimport { simulate } from "@ecology/simulate";\nexport const b = [kernelRun, simulate];\n',
  "node_modules/vscode-languageserver/package.json":
    '{ "name": "vscode-languageserver", "version": "1.0.0", "types": "index.d.ts" }\n',
  "node_modules/vscode-languageserver/index.d.ts": "export type Connection = { listen(): void };\n",
};

/**
 * Writes a mini repository (CLEAN_FILES plus `extra`) into a new temp folder, with this
 * repository's compiler settings and architecture configs, and returns its path.
 */
export function createMiniRepo(extra: Files = {}): string {
  const root = mkdtempSync(join(tmpdir(), "ecology-arch-"));
  const files = { ...CLEAN_FILES, ...extra };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  for (const config of [
    "tsconfig.base.json",
    ".dependency-cruiser.cjs",
    ".dependency-cruiser-runtime.cjs",
  ]) {
    copyFileSync(join(REPO_ROOT, config), join(root, config));
  }
  writeFileSync(
    join(root, "package.json"),
    '{ "name": "mini", "private": true, "type": "module" }\n',
  );
  mkdirSync(join(root, "node_modules", "@ecology"), { recursive: true });
  for (const name of PACKAGES) {
    const pkg = { name: `@ecology/${name}`, type: "module", exports: { ".": "./src/index.ts" } };
    writeFileSync(join(root, "packages", name, "package.json"), JSON.stringify(pkg));
    symlinkSync(join("..", "..", "packages", name), join(root, "node_modules", "@ecology", name));
  }
  return root;
}

/** What `pnpm arch` printed and how it exited. */
export interface ArchRun {
  readonly code: number | null;
  readonly output: string;
  /** `rule: from-file` for every violation reported. */
  readonly violations: readonly string[];
}

/**
 * Runs the root package.json's `arch` script, verbatim, in `cwd`, with the repository's
 * node_modules/.bin first on the PATH: the real dependency-cruiser, as `pnpm arch` runs it.
 */
export function runArch(cwd: string): ArchRun {
  const { scripts } = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as {
    scripts: { arch: string };
  };
  const bin = join(REPO_ROOT, "node_modules", ".bin");
  const r = spawnSync("sh", ["-c", scripts.arch], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ""}`, NO_COLOR: "1" },
    timeout: 60_000,
  });
  const output = stripVTControlCharacters(`${r.stdout}${r.stderr}`);
  const violations = [...output.matchAll(/^\s*error ([\w-]+): (\S+)/gm)].map(
    ([, rule, from]) => `${rule}: ${from}`,
  );
  return { code: r.status, output, violations };
}
