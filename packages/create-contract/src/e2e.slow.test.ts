import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEMPLATE_NAMES, type TemplateName, templateInfo } from "./catalog.js";
import { PACKAGE_MANAGERS, type PackageManager } from "./package-manager.js";
import { contractOnlyInstall } from "./project-files.js";
import { startUntilReady } from "./test-fixtures/dev-server.js";
import { compileScript, nativeBuildTraces } from "./test-fixtures/native-modules.js";
import {
  cleanEnv,
  type PackedWorkspace,
  packWorkspace,
  type Ran,
  REPO_ROOT,
  run,
  shareNativeAddon,
  useTarballs,
} from "./test-fixtures/packed-workspace.js";
import {
  type CommandTarget,
  commandTarget,
  shellCommands,
} from "./test-fixtures/readme-commands.js";

// ECOLOGY_TEMPLATES=pool,blank and ECOLOGY_PACKAGE_MANAGERS=npm narrow the run while iterating;
// CI runs every template with both managers.
const only = process.env.ECOLOGY_TEMPLATES?.split(",");
const managers = process.env.ECOLOGY_PACKAGE_MANAGERS?.split(",");
const templates = TEMPLATE_NAMES.filter((t) => !only || only.includes(t));
const chosenManagers = PACKAGE_MANAGERS.filter((pm) => !managers || managers.includes(pm));
const cases = chosenManagers
  .toReversed() // pnpm first: its installs are quick, so a broken README shows up early
  .flatMap((pm) => templates.map((t) => [t, pm] as const));
let packed: PackedWorkspace;
/** What every README command runs with: a user's shell, offline-first, plus the shared addon. */
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  packed = packWorkspace();
  env = { ...cleanEnv(), npm_config_prefer_offline: "true" };
}, 900_000);
afterAll(() => {
  if (packed) rmSync(packed.work, { recursive: true, force: true });
});

// DESIGN.md §8: a contract project that runs no kernel installs no native module. The blank
// template's tests need a kernel (@ecology/testing, a devDependency), so its contract-only path
// is the production install its README names; the test runs that command verbatim.
describe.runIf(templates.includes("blank"))(
  "a blank project installed for its contract only",
  () => {
    it.each(chosenManagers)(
      "%s: the production install builds nothing native, and the contract still compiles",
      (pm) => {
        const dir = join(packed.work, `${pm}-contract-only`);
        const args = [dir, "--template", "blank", "--package-manager", pm, "--no-install", "--yes"];
        run(packed.scaffolder, args, packed.work);
        useTarballs(dir, packed.tarballs);
        const readme = readFileSync(join(dir, "README.md"), "utf8");
        expect(readme).toContain(`\`${contractOnlyInstall(pm)}\``);
        // No shared SQLite prebuild here: were better-sqlite3 installed, it would compile.
        const install = run("sh", ["-c", contractOnlyInstall(pm)], dir, cleanEnv());
        expect(`${install.stdout}${install.stderr}`).not.toMatch(
          /node-gyp|gyp info|prebuild-install/,
        );
        const modules = join(dir, "node_modules");
        expect(nativeBuildTraces(modules)).toEqual([]);
        expect(existsSync(join(modules, "@ecology", "sdk", "package.json"))).toBe(true);
        expect(existsSync(join(modules, "@ecology", "kernel"))).toBe(false);
        expect(existsSync(join(modules, "@ecology", "testing"))).toBe(false);

        const compiled = run(
          "node",
          ["--input-type=module", "-e", compileScript("src/counter.ts")],
          dir,
        );
        const manifest = JSON.parse(compiled.stdout) as { methods: { name: string }[] };
        expect(manifest.methods.map((m) => m.name).sort()).toEqual(["count", "increment", "reset"]);
      },
      300_000,
    );
  },
);

describe.runIf(cases.length > 0)("a generated project, following its own README", () => {
  it.each(cases)(
    "%s with %s: every command of the README's sh blocks runs, verbatim, outside the repo",
    async (template, pm) => {
      const dir = join(packed.work, `${pm}-${template}`);
      const args = [dir, "--template", template, "--package-manager", pm, "--no-install"];
      run(packed.scaffolder, [...args, "--yes"], packed.work);
      // What a registry would serve: the packed @ecology/* packages.
      useTarballs(dir, packed.tarballs);
      const commands = shellCommands(readFileSync(join(dir, "README.md"), "utf8"));
      expect(commandTarget(commands[0] ?? "", pm)).toEqual({ kind: "install" });
      for (const command of commands) {
        const target = commandTarget(command, pm);
        expect(target.kind, command).not.toBe("other");
        if (target.kind === "script" && target.script === "dev") await checkDevServes(command, dir);
        else checkOutput(target, run("sh", ["-c", command], dir, env), { template, pm, dir });
      }
      checkJournalReplay(dir);
    },
    600_000,
  );
});

/** What each kind of README command must have printed, beyond exiting 0. */
function checkOutput(
  target: CommandTarget,
  ran: Ran,
  project: { template: TemplateName; pm: PackageManager; dir: string },
): void {
  if (target.kind === "install") {
    // The full install brings the kernel: the detector the contract-only test relies on sees it.
    const traces = nativeBuildTraces(join(project.dir, "node_modules"));
    expect(traces.some((t) => t.endsWith("better_sqlite3.node"))).toBe(true);
  }
  if (target.kind === "install" && project.pm === "npm") {
    expect(ran.stderr).not.toMatch(/not yet covered by allowScripts/);
    // The first npm install compiled SQLite; later ones take its addon as a prebuild.
    if (!env.npm_config_better_sqlite3_local_prebuilds)
      Object.assign(env, shareNativeAddon(project.dir, join(packed.work, "prebuilds")));
  }
  if (target.kind !== "script") return;
  if (target.script === "test") expect(ran.stdout).toMatch(/Tests\s+\d+ passed/);
  if (target.script === "build")
    expect(ran.stdout).toContain(templateInfo(project.template).tryInvoke.method);
  if (target.script === "demo") expect(ran.stdout).toContain("hash chain verified");
}

/**
 * The installed `ecology` exports the journal of the README's session (init, deploy, invoke) as
 * JSON lines and replays it on fresh kernels, identically (DESIGN.md §9).
 */
function checkJournalReplay(dir: string): void {
  const ecology = join(dir, "node_modules", ".bin", "ecology");
  const exported = run(ecology, ["journal", "export"], dir, env);
  const records = exported.stdout
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line) as { seq: number; op: string });
  expect(records.map((r) => r.op)).toEqual(expect.arrayContaining(["deploy", "invoke"]));
  writeFileSync(join(dir, "history.jsonl"), exported.stdout);
  const text = run(ecology, ["replay", "--journal", "history.jsonl"], dir, env);
  expect(text.stdout).toMatch(/^replayed \d+ transactions: identical/);
  const report = run(ecology, ["replay", "--json"], dir, env);
  expect(JSON.parse(report.stdout)).toMatchObject({ identical: true, replayed: records.length });
}

/** `dev` serves until Ctrl-C: it must print its URL, answer there, and stop on the signal. */
async function checkDevServes(command: string, cwd: string): Promise<void> {
  const ready = /serving .* at (http:\/\/127\.0\.0\.1:(\d+))/;
  const server = await startUntilReady(command, { cwd, env, ready, timeoutMs: 60_000 });
  try {
    const [, url = "", port] = server.match;
    if (/--port 0\b/.test(command)) expect(port).not.toBe("7420");
    const page = await fetch(`${url}/`);
    expect(page.status, `${command}: GET /`).toBe(200);
  } finally {
    await server.stop();
  }
}

describe("packed create-contract without a terminal", () => {
  it("asks nothing and takes the defaults when stdin is not a TTY, even without --yes", () => {
    const cwd = join(packed.work, "no-tty");
    mkdirSync(cwd);
    const r = run(packed.scaffolder, ["--no-install"], cwd);
    expect(r.stdout).toContain("Created my-contract from the blank template");
    expect(existsSync(join(cwd, "my-contract", "src", "counter.ts"))).toBe(true);
  });
});

/** Runs `npx ecology …` in `cwd` as a user would; unlike {@link run}, a non-zero exit is data. */
function ecology(cwd: string, ...args: string[]): Ran {
  const started = performance.now();
  const r = spawnSync("npx", ["--no-install", "ecology", ...args], {
    cwd,
    // A user's shell: not the install-time settings (npm warns about the prebuild variable).
    env: { ...cleanEnv(), NO_COLOR: "1" },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - started };
}

// `ecology simulate` from the packed CLI (which brings the packed @ecology/simulate and esbuild):
// the pool example's scenarios copied into a generated pool project, run by name with npx.
describe.runIf(templates.includes("pool") && chosenManagers.includes("npm"))(
  "ecology simulate from the installed tarballs",
  () => {
    it("npx ecology simulate runs the pool A/B in a generated project: exit 1, same bytes twice", () => {
      const dir = join(packed.work, "simulate-pool");
      const args = [dir, "--template", "pool", "--package-manager", "npm", "--no-install"];
      run(packed.scaffolder, [...args, "--yes"], packed.work);
      useTarballs(dir, packed.tarballs);
      cpSync(join(REPO_ROOT, "examples", "pool", "scenarios"), join(dir, "scenarios"), {
        recursive: true,
        filter: (src) => !/(\.test\.ts|tsconfig\.json)$/.test(src),
      });
      run("npm", ["install", "--no-audit", "--no-fund"], dir, env);
      expect(existsSync(join(dir, "node_modules", "@ecology", "simulate", "dist"))).toBe(true);

      const first = ecology(dir, "simulate", "pool", "--compare", "broken-pool", "--json");
      expect(first.code, first.stderr).toBe(1);
      expect(first.stderr).toBe("");
      const report = JSON.parse(first.stdout) as {
        profit: { [group: string]: { profit: number } };
        violations: unknown[];
        compare: { report: { violations: { invariant: string }[] } };
      };
      expect(report.violations).toEqual([]);
      expect(report.profit["free-rider"]?.profit).toBe(0);
      expect(report.compare.report.violations.map((v) => v.invariant)).toEqual([
        "payouts follow contributions",
      ]);
      expect(ecology(dir, "simulate", "pool", "--compare", "broken-pool", "--json").stdout).toBe(
        first.stdout,
      );

      const page = join(dir, "report.html");
      const human = ecology(dir, "simulate", "scenarios/pool.ts", "--out", "report.html");
      expect(human.code, human.stderr).toBe(0);
      expect(human.stdout).toContain("every invariant held");
      expect(readFileSync(page, "utf8")).toMatch(/^<!doctype html>/i);
      const missing = ecology(dir, "simulate", "nowhere");
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain("the scenarios in");
      // Filtered to this test, its npm install compiles SQLite (no earlier install shares it).
    }, 1_200_000);
  },
);
