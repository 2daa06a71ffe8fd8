import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { stripVTControlCharacters } from "node:util";

/** The repository root, from this file (packages/create-contract/src/test-fixtures). */
export const REPO_ROOT = resolve(import.meta.dirname, "..", "..", "..", "..");

/** Workspace packages a generated project installs, in build order, plus the scaffolder. */
export const PUBLISHED = [
  "protocol",
  "runtime",
  "kernel",
  "sdk",
  "simulate",
  "testing",
  "server",
  "mcp",
  "cli",
  "create-contract",
] as const;

/** Output of a finished command. */
export interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/**
 * The parent's environment without what pnpm/npm inject into scripts (`npm_config_*`,
 * `npm_package_*`, workspace dirs): a generated project must behave as if run by a user.
 */
export function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_|PNPM_|INIT_CWD|VITEST|TEST$|NODE_OPTIONS)/i.test(key)) continue;
    env[key] = value;
  }
  return env;
}

/** Runs a command to completion; throws with its output when it exits non-zero. */
export function run(
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = cleanEnv(),
): Ran {
  const started = performance.now();
  const r = spawnSync(command, args, {
    cwd,
    env,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const ran = {
    code: r.status,
    stdout: stripVTControlCharacters(r.stdout ?? ""),
    stderr: stripVTControlCharacters(r.stderr ?? ""),
    ms: performance.now() - started,
  };
  if (r.status !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} (in ${cwd}) exited ${r.status ?? r.signal}\n` +
        `${ran.stdout.slice(-4000)}\n${ran.stderr.slice(-4000)}`,
    );
  }
  return ran;
}

/** Tarballs of the packed workspace packages and the installed scaffolder's bin. */
export interface PackedWorkspace {
  /** A temporary folder outside the repository that holds everything. */
  readonly work: string;
  /** Package name → absolute tarball path. */
  readonly tarballs: ReadonlyMap<string, string>;
  /** The `create-contract` bin installed from its tarball. */
  readonly scaffolder: string;
}

/**
 * Builds the published packages, packs each with `pnpm pack` (which applies `publishConfig`
 * and rewrites `workspace:` ranges) into a temp folder outside the repository, and installs
 * the packed scaffolder there with npm.
 */
export function packWorkspace(): PackedWorkspace {
  const work = mkdtempSync(join(tmpdir(), "ecology-create-"));
  const filters = PUBLISHED.flatMap((p) => ["--filter", `@ecology/${p}`]);
  run("pnpm", [...filters, "run", "build"], REPO_ROOT);
  const dest = join(work, "tarballs");
  mkdirSync(dest);
  for (const p of PUBLISHED) run("pnpm", ["pack", "--pack-destination", dest], packageDir(p));
  const tarballs = new Map<string, string>();
  for (const file of readdirSync(dest)) {
    const name = PUBLISHED.find((p) => file.startsWith(`ecology-${p}-`));
    if (name) tarballs.set(`@ecology/${name}`, join(dest, file));
  }
  const runner = join(work, "runner");
  mkdirSync(runner);
  writeFileSync(join(runner, "package.json"), '{ "private": true }\n');
  const self = tarballs.get("@ecology/create-contract") ?? "";
  run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", self], runner);
  return { work, tarballs, scaffolder: join(runner, "node_modules", ".bin", "create-contract") };
}

function packageDir(name: string): string {
  return join(REPO_ROOT, "packages", name);
}

/**
 * Points a generated project's `@ecology/*` dependencies (direct and transitive) at the
 * tarballs, as a registry would serve them: `file:` specs plus overrides for both npm
 * (`overrides`) and pnpm (`pnpm.overrides`).
 */
export function useTarballs(projectDir: string, tarballs: ReadonlyMap<string, string>): void {
  const file = join(projectDir, "package.json");
  const pkg = JSON.parse(readFileSync(file, "utf8")) as {
    dependencies?: { [k: string]: string };
    devDependencies?: { [k: string]: string };
    overrides?: { [k: string]: string };
    pnpm?: { overrides?: { [k: string]: string } };
  };
  const spec = (name: string) => `file:${tarballs.get(name)}`;
  for (const deps of [pkg.dependencies ?? {}, pkg.devDependencies ?? {}]) {
    for (const name of Object.keys(deps)) if (tarballs.has(name)) deps[name] = spec(name);
  }
  const overrides = Object.fromEntries([...tarballs.keys()].map((n) => [n, spec(n)]));
  pkg.overrides = overrides;
  pkg.pnpm = { ...pkg.pnpm, overrides };
  writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
}

/**
 * Makes `projectDir`'s compiled better-sqlite3 addon available to later npm installs as a local
 * prebuild, the way its GitHub release serves one to users who can reach it: npm has no build
 * cache, so without this every npm install here compiles SQLite from source (≈ 70 s). Returns
 * the environment variable prebuild-install reads; the file name is the one it looks for.
 */
export function shareNativeAddon(projectDir: string, cacheDir: string): NodeJS.ProcessEnv {
  const addon = join(projectDir, "node_modules", "better-sqlite3");
  const { version } = JSON.parse(readFileSync(join(addon, "package.json"), "utf8")) as {
    version: string;
  };
  const { platform, arch, versions } = process;
  const file = `better-sqlite3-v${version}-node-v${versions.modules}-${platform}-${arch}.tar.gz`;
  mkdirSync(cacheDir, { recursive: true });
  run("tar", ["-czf", join(cacheDir, file), "build/Release/better_sqlite3.node"], addon);
  return { npm_config_better_sqlite3_local_prebuilds: cacheDir };
}
