import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { SimulationReport } from "@ecology/simulate";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./program.js";
import { type CliRun, freshDir, runInProcess, runProcess } from "./test-fixtures/run.js";

const repo = resolve(import.meta.dirname, "..", "..", "..");
const poolProject = join(repo, "examples", "pool");
const poolScenario = join(poolProject, "scenarios", "pool.ts");
const brokenScenario = join(poolProject, "scenarios", "broken-pool.ts");
const poolContract = join(poolProject, "src", "pool.ts");

/** A tiny scenario (one honest agent with nothing to do, 2 rounds) against the example pool. */
function tinyScenario(dir: string, name = "tiny", agents = 1): string {
  const file = join(dir, `${name}.ts`);
  writeFileSync(
    file,
    `import { defineScenario, honest } from "@ecology/simulate";
export default defineScenario({
  name: ${JSON.stringify(name)},
  rounds: 2,
  contracts: [{ id: "pool", file: ${JSON.stringify(poolContract)} }],
  population: [{ persona: honest({}), count: ${agents}, scrip: 10 }],
});
`,
  );
  return file;
}

let scratch: string;
let abJson: [CliRun, CliRun];
let abHuman: CliRun;
let html: string;
let journals: string;

// Three real `ecology simulate` processes on the real kernel, started together: the shipped
// pool scenario against its broken variant twice as --json (same seed → same bytes), and once
// for people, with both scenarios named as a user in the pool project would, and --out.
beforeAll(async () => {
  scratch = freshDir();
  html = join(scratch, "report.html");
  journals = join(scratch, "journals");
  mkdirSync(journals);
  const ab = ["simulate", poolScenario, "--compare", brokenScenario, "--json"];
  const human = ["simulate", "scenarios/pool.ts", "--compare", "broken-pool", "--out", html];
  human.push("--journals", journals);
  const [first, second, people] = await Promise.all([
    runProcess(scratch, ...ab),
    runProcess(scratch, ...ab),
    runProcess(poolProject, ...human),
  ]);
  abJson = [first, second];
  abHuman = people;
}, 400_000);

describe("ecology simulate on the shipped pool scenarios (real processes)", () => {
  it("writes the shrunk counterexample as a journal that ecology replay re-executes, and that a fix diverges from", async () => {
    const file = join(journals, "broken-pool-pays-per-head-payouts-follow-contributions.jsonl");
    expect(abHuman.stderr).toContain(`counterexample of "payouts follow contributions" (`);
    expect(abHuman.stderr).toContain(`ecology replay --journal ${file}`);
    const records = readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(records.at(-1)).toMatchObject({
      op: "invoke",
      params: { target: "pool", method: "distribute" },
    });
    const same = await runProcess(scratch, "replay", "--journal", file, "--json");
    expect(same.code).toBe(0);
    expect(JSON.parse(same.stdout)).toMatchObject({ identical: true, replayed: records.length });
    // The shipped (per-stake) pool, replayed on the very history that broke the per-head one.
    const fixed = join(poolProject, "src", "pool.ts");
    const tried = await runProcess(
      scratch,
      "replay",
      "--journal",
      file,
      "--with",
      `pool=${fixed}`,
      "--json",
    );
    expect(tried.code).toBe(1);
    const report = JSON.parse(tried.stdout);
    expect(report.divergences.map((d: { call?: string }) => d.call)).toContain("pool.distribute");
  }, 120_000);

  it("prints byte-identical --json for the same seed, and nothing on stderr when not a TTY", () => {
    const [first, second] = abJson;
    expect(first.stderr).toBe("");
    expect(first.stdout.length).toBeGreaterThan(1000);
    expect(second.stdout).toBe(first.stdout);
    expect(second.code).toBe(first.code);
  });

  it("shows the shipped pool paying free-riders and sybils nothing they did not stake for", () => {
    const a = JSON.parse(abJson[0].stdout) as SimulationReport;
    expect(a).toMatchObject({ scenario: "pool", seed: 42, rounds: 30, violations: [] });
    for (const group of ["free-rider", "sybil"]) {
      expect(a.profit[group]?.profit, group).toBe(0);
      const tries = a.exploitation.byPersona[group];
      expect(tries?.attempts, group).toBeGreaterThan(0);
      expect(tries?.profitable, group).toBe(0);
    }
  });

  it("catches the per-head variant: exploitation, the broken invariant, a shrunk counterexample, exit 1", () => {
    expect(abJson[0].code).toBe(1);
    const a = JSON.parse(abJson[0].stdout) as SimulationReport;
    const b = a.compare?.report as SimulationReport;
    expect(b.violations.map((v) => v.invariant)).toEqual(["payouts follow contributions"]);
    const ce = b.violations[0]?.counterexample;
    expect(ce).toMatchObject({ minimal: true, reproduced: true, actions: 4 });
    expect(ce?.operations.length).toBe((ce?.setup ?? 0) + 4);
    expect(a.compare?.delta.profit["free-rider"]).toBeGreaterThan(0);
    expect(a.compare?.delta.profit.sybil).toBeGreaterThan(0);
    expect(b.exploitation.rate).toBeGreaterThan(a.exploitation.rate);
  });

  it("shows the A/B, the violated invariant and its shrunk counterexample to people", () => {
    expect(abHuman.code).toBe(1);
    const out = abHuman.stdout;
    expect(out).toMatch(/A\/B · seed 42 · 30 rounds/);
    expect(out).toMatch(/profit free-rider\s*│ 0\s*│ \d+\s*│ \+\d+/);
    expect(out).toContain("B: broken pool (pays per head)");
    expect(out).toMatch(/✗ payouts follow contributions: broken from round \d+/);
    expect(out).toMatch(/counterexample: 4 of \d+ agent operations \(1-minimal, reproduced/);
    const steps = out.match(/^ {6}\d+\. .*$/gm) ?? [];
    expect(steps).toHaveLength(4);
    expect(steps.at(-1)).toMatch(/: invoke pool\.distribute\(\)$/);
    expect(out).toContain(`wrote ${html}`);
    const page = readFileSync(html, "utf8");
    expect(page).toMatch(/^<!doctype html>/i);
    expect(page).toContain("payouts follow contributions");
  });

  it("refuses a scenario path that does not exist with not_found and a hint", async () => {
    const r = await runProcess(scratch, "simulate", "scenarios/nowhere.ts");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^error not_found: no such scenario file: .*nowhere\.ts — hint: /);
    const json = await runProcess(scratch, "simulate", "nowhere.ts", "--json");
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ success: false, error: { code: "not_found" } });
  }, 60_000);
});

describe("ecology simulate arguments", () => {
  const run = (...argv: string[]) => runInProcess(scratch, ...argv);

  it.each([
    [["--seed", "-1"]],
    [["--seed", "4294967296"]],
    [["--seed", "1.5"]],
    [["--rounds", "0"]],
    [["--rounds", "ten"]],
    [["--speed", "2"]],
    [["extra"]],
  ])("exits 2 for the usage error %j before running anything", async (extra) => {
    const r = await run("simulate", "tiny.ts", ...extra);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
  });

  it("lists the project's scenarios when a name is not one of them", async () => {
    const r = await runInProcess(join(poolProject, "src"), "simulate", "pools");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error not_found: no scenario "pools"');
    expect(r.stderr).toContain("the scenarios in");
    expect(r.stderr).toContain("are: broken-pool, pool");
    expect(r.stderr).not.toContain("pool.test");
  });

  it("refuses a folder as the scenario", async () => {
    const r = await runInProcess(poolProject, "simulate", "scenarios");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error invalid_argument: scenarios is a folder/);
  });

  it("refuses --out into a missing folder before running, writing nothing", async () => {
    const file = tinyScenario(scratch);
    const out = join(scratch, "missing", "report.html");
    const r = await run("simulate", file, "--out", out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error not_found: no folder .*missing/);
    expect(existsSync(out)).toBe(false);
  });

  it("applies --seed and --rounds, and writes --out beside a --json report", async () => {
    const file = tinyScenario(scratch);
    const r = await run("simulate", file, "--seed", "4294967295", "--rounds", "3", "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ seed: 4294967295, rounds: 3, violations: [] });
    const out = join(scratch, "tiny.html");
    const both = await run("simulate", "tiny.ts", "--out", out, "--json");
    expect(both.code).toBe(0);
    expect(JSON.parse(both.stdout)).toMatchObject({ scenario: "tiny", seed: 1, rounds: 2 });
    expect(readFileSync(out, "utf8")).toContain("tiny");
  });

  it("reports a scenario that does not load as invalid_argument with the simulator's code", async () => {
    const bad = join(scratch, "bad.ts");
    writeFileSync(bad, "export default 5;\n");
    const r = await run("simulate", bad, "--json");
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({
      success: false,
      error: { code: "invalid_argument", details: { simulateError: "scenario_invalid" } },
    });
  });

  it("refuses an A/B of two populations before either runs", async () => {
    const one = tinyScenario(scratch, "one", 1);
    const two = tinyScenario(scratch, "two", 2);
    const r = await run("simulate", one, "--compare", two);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error invalid_argument: an A\/B needs the same population/);
    expect(r.stderr).toContain("hint: an A/B varies the mechanism only");
  });
});

describe("ecology simulate progress", () => {
  /** Runs the CLI in-process with stderr claiming to be a terminal. */
  async function onTerminal(cwd: string, ...argv: string[]): Promise<CliRun> {
    let stdout = "";
    let stderr = "";
    const io = {
      out: (t: string) => {
        stdout += t;
      },
      err: (t: string) => {
        stderr += t;
      },
      errIsTty: true,
    };
    const code = await runCli(argv, { cwd, io });
    return { code, stdout, stderr };
  }

  it("redraws one line per round on a terminal and erases it before the summary", async () => {
    const dir = join(scratch, "tty");
    mkdirSync(dir, { recursive: true });
    const file = tinyScenario(dir);
    const r = await onTerminal(dir, "simulate", file, "--rounds", "3");
    expect(r.code).toBe(0);
    const frames = r.stderr.split("\r\u001b[2K").filter((f) => f !== "");
    expect(frames).toEqual([1, 2, 3].map((n) => `simulate tiny: round ${n}/3`));
    expect(r.stderr.endsWith("\r\u001b[2K")).toBe(true);
    expect(r.stdout).toContain("tiny · seed 1 · 3 rounds · 1 agent\n");
  });

  it("draws nothing with --json, even on a terminal", async () => {
    const r = await onTerminal(scratch, "simulate", tinyScenario(scratch), "--json");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
  });
});
