import { execFileSync } from "node:child_process";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { reportJson, runScenarioFile } from "./index.js";

const repo = resolve(import.meta.dirname, "..", "..", "..");
const pool = join(repo, "examples", "pool", "scenarios");
const printer = join(import.meta.dirname, "test-fixtures", "print-report.ts");

/** The report printed by a fresh Node process, with its own locale, time zone and hash seed. */
function reportFromProcess(env: NodeJS.ProcessEnv): string {
  return execFileSync(
    process.execPath,
    ["--import", "tsx", printer, join(pool, "pool.ts"), join(pool, "broken-pool.ts")],
    { cwd: repo, env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
}

describe("same seed, same bytes", () => {
  it("prints byte-identical --json in separate processes, whatever the locale and time zone", async () => {
    const here = reportJson(
      await runScenarioFile(join(pool, "pool.ts"), { compare: join(pool, "broken-pool.ts") }),
    );
    const tokyo = reportFromProcess({
      TZ: "Asia/Tokyo",
      LANG: "ja_JP.UTF-8",
      LC_ALL: "ja_JP.UTF-8",
    });
    const utc = reportFromProcess({ TZ: "UTC", LANG: "C", LC_ALL: "C" });
    expect(tokyo).toBe(here);
    expect(utc).toBe(here);
    expect(JSON.parse(here).compare.report.violations).toHaveLength(1);
  }, 300_000);
});
