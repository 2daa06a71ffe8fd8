import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEMPLATE_NAMES, templateInfo } from "./catalog.js";
import { invokeCommand } from "./project-files.js";
import {
  type PackedWorkspace,
  packWorkspace,
  run,
  useTarballs,
} from "./test-fixtures/packed-workspace.js";

// ECOLOGY_TEMPLATES=pool,blank narrows the run while iterating; CI runs every template.
const only = process.env.ECOLOGY_TEMPLATES?.split(",");
const templates = TEMPLATE_NAMES.filter((t) => !only || only.includes(t));
let packed: PackedWorkspace;

beforeAll(() => {
  packed = packWorkspace();
}, 900_000);
afterAll(() => {
  if (packed) rmSync(packed.work, { recursive: true, force: true });
});

describe.runIf(templates.length > 0)("packed create-contract", () => {
  it.each(templates)(
    "scaffolds %s outside the repo; its tests, build, deploy and invoke pass",
    (template) => {
      const dir = join(packed.work, template);
      const args = [dir, "--template", template, "--package-manager", "pnpm", "--no-install"];
      run(packed.scaffolder, [...args, "--yes"], packed.work);
      useTarballs(dir, packed.tarballs);
      run("pnpm", ["install", "--prefer-offline"], dir);

      const tests = run("pnpm", ["test"], dir);
      expect(tests.stdout).toMatch(/Tests\s+\d+ passed/);
      run("pnpm", ["run", "typecheck"], dir);
      const info = templateInfo(template);
      const built = run("pnpm", ["run", "build"], dir);
      expect(built.stdout).toContain(info.tryInvoke.method);

      run("pnpm", ["run", "kernel:init"], dir);
      run("pnpm", ["run", "deploy"], dir);
      const [, ...invoke] = shellWords(invokeCommand(info));
      const invoked = run("pnpm", ["exec", "ecology", ...invoke, "--json"], dir);
      expect(JSON.parse(invoked.stdout)).toMatchObject({ success: true });
      const readme = readFileSync(join(dir, "README.md"), "utf8");
      expect(readme).toContain("## Next steps");
    },
    600_000,
  );
});

describe("packed create-contract without a terminal", () => {
  it("asks nothing and takes the defaults when stdin is not a TTY, even without --yes", () => {
    const cwd = join(packed.work, "no-tty");
    mkdirSync(cwd);
    const r = run(packed.scaffolder, ["--no-install"], cwd);
    expect(r.stdout).toContain("Created my-contract from the blank template");
    expect(existsSync(join(cwd, "my-contract", "src", "counter.ts"))).toBe(true);
  });
});

describe("packed create-contract with npm", () => {
  // npm keeps no build cache: this install compiles better-sqlite3 (about 50 s here).
  it.runIf(!only || only.includes("npm"))(
    "installs a pool project with npm, runs its tests and warns about no unapproved install script",
    () => {
      const dir = join(packed.work, "with-npm");
      run(
        packed.scaffolder,
        [dir, "-t", "pool", "-p", "npm", "--no-install", "--yes"],
        packed.work,
      );
      useTarballs(dir, packed.tarballs);
      const installed = run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"], dir);
      expect(installed.stderr).not.toMatch(/not yet covered by allowScripts/);
      expect(run("npm", ["test"], dir).stdout).toMatch(/Tests\s+\d+ passed/);
      const built = run("npx", ["ecology", "build", "src/pool.ts", "--json"], dir);
      expect(built.stdout).toContain("join");
    },
    600_000,
  );
});

/** Splits the simple commands we generate: words, and JSON arguments in single quotes. */
function shellWords(command: string): string[] {
  return [...command.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? "");
}
