import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { reportJson, runScenarioFile } from "./index.js";

const fixtures = join(import.meta.dirname, "test-fixtures");

describe("runScenarioFile", () => {
  it("runs a scenario file", async () => {
    const report = await runScenarioFile(join(fixtures, "vault-scenario.ts"));
    console.log(reportJson(report));
    expect(report.seed).toBe(7);
  });
  it("catches the leaky vault", async () => {
    const report = await runScenarioFile(join(fixtures, "leaky-vault-scenario.ts"));
    console.log(JSON.stringify(report.violations, null, 1));
    expect(report.violations.length).toBe(1);
  });
});
