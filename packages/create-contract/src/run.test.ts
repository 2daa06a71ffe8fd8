import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { PackageManager } from "./package-manager.js";
import { CANCELLED, type Prompter } from "./prompter.js";
import { type RunContext, runCreateContract } from "./run.js";
import { generateIntoTemp, tempDir } from "./test-fixtures/generated.js";

let templatesDir: string;
beforeAll(() => {
  templatesDir = generateIntoTemp().dir;
});

/** Runs the command in a fresh cwd, capturing output and the installs it asked for. */
async function create(argv: string[], extra: Partial<RunContext> = {}) {
  const cwd = extra.cwd ?? tempDir();
  let stdout = "";
  let stderr = "";
  const installs: [string, PackageManager][] = [];
  const code = await runCreateContract(argv, {
    cwd,
    templatesDir,
    out: (t) => {
      stdout += t;
    },
    err: (t) => {
      stderr += t;
    },
    install: async (dir, pm) => {
      installs.push([dir, pm]);
      return { ok: true };
    },
    ...extra,
  });
  return { code, stdout, stderr, cwd, installs };
}

const prompter = (answers: Partial<Record<keyof Prompter, unknown>>): Prompter => {
  const ask = (name: keyof Prompter) => async () => {
    if (!(name in answers)) throw new Error(`unexpected prompt ${name}`);
    return answers[name] as never;
  };
  return {
    directory: ask("directory"),
    template: ask("template"),
    packageManager: ask("packageManager"),
    install: ask("install"),
    overwrite: ask("overwrite"),
  };
};

describe("runCreateContract", () => {
  it("scaffolds with --yes and no prompts, then prints next steps", async () => {
    const r = await create(["shop", "--template", "escrow", "--no-install", "--yes"], {
      prompter: prompter({}),
      userAgent: "npm/11.19.1 node/v20.20.2",
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Created shop from the escrow template");
    expect(r.stdout).toContain("cd shop\n  npm install\n  npm test");
    expect(r.stdout).toContain("npm run deploy");
    expect(existsSync(join(r.cwd, "shop", "src", "arbitrated-escrow.ts"))).toBe(true);
    expect(r.installs).toEqual([]);
  });

  it("installs with the package manager that launched it", async () => {
    const r = await create(["app", "--yes"], { userAgent: "pnpm/10.34.9 node/v20" });
    expect(r.code).toBe(0);
    expect(r.installs).toEqual([[join(r.cwd, "app"), "pnpm"]]);
    expect(r.stdout).not.toContain("pnpm install");
  });

  it("refuses a non-empty directory with a clear message and writes nothing", async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, "taken"));
    writeFileSync(join(cwd, "taken", "notes.md"), "mine");
    const r = await create(["taken", "--yes"], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/taken is not empty \(notes\.md\)\. .*--force/);
    expect(readdirSync(join(cwd, "taken"))).toEqual(["notes.md"]);
  });

  it("writes into a non-empty directory with --force, keeping unrelated files", async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, "taken"));
    writeFileSync(join(cwd, "taken", "notes.md"), "mine");
    const r = await create(["taken", "--force", "--no-install", "--yes"], { cwd });
    expect(r.code).toBe(0);
    expect(readFileSync(join(cwd, "taken", "notes.md"), "utf8")).toBe("mine");
    expect(existsSync(join(cwd, "taken", "src", "counter.ts"))).toBe(true);
  });

  it("asks every question in a terminal without flags and follows the answers", async () => {
    const r = await create([], {
      prompter: prompter({
        directory: "guild",
        template: "reputation",
        packageManager: "npm",
        install: false,
      }),
    });
    expect(r.code).toBe(0);
    expect(existsSync(join(r.cwd, "guild", "src", "reputation-service.ts"))).toBe(true);
    expect(r.installs).toEqual([]);
  });

  it("asks before writing into a non-empty directory and stops on no", async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, "taken"));
    writeFileSync(join(cwd, "taken", "x"), "");
    const r = await create(["taken", "-t", "pool", "-p", "npm", "--no-install"], {
      cwd,
      prompter: prompter({ overwrite: false }),
    });
    expect(r.code).toBe(1);
    expect(readdirSync(join(cwd, "taken"))).toEqual(["x"]);
  });

  it("exits 130 and writes nothing when a prompt is cancelled", async () => {
    const r = await create([], { prompter: prompter({ directory: CANCELLED }) });
    expect(r.code).toBe(130);
    expect(r.stderr).toContain("Cancelled");
    expect(readdirSync(r.cwd)).toEqual([]);
  });

  it("reports a failed install and leaves the files for a retry", async () => {
    const r = await create(["app", "--yes"], {
      install: async () => ({ ok: false, message: "npm install failed (exit code 1)" }),
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/npm install failed \(exit code 1\)\. The files are written/);
    expect(existsSync(join(r.cwd, "app", "package.json"))).toBe(true);
  });

  it("prints usage with --help and exits 2 on a usage error", async () => {
    const help = await create(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: create-contract \[dir\]/);
    const bad = await create(["--template", "nope"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown template "nope"/);
  });
});
