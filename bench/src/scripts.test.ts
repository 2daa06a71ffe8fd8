import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type JsonScript, runJsonScript } from "./scripts.js";

const FIXTURES = fileURLToPath(new URL("./test-fixtures", import.meta.url));
const script = (file: string): JsonScript => ({
  title: `Script ${file}`,
  file: `pkg/bench/${file}`,
  cwd: "pkg",
});

describe("runJsonScript", () => {
  it("runs a script with --json in its package folder and embeds its BenchJson", async () => {
    const done = await runJsonScript(script("prints-json.ts"), FIXTURES);
    expect(done).toEqual({
      json: {
        title: "Fixture",
        rows: [{ name: "op", value: 2, unit: "µs", baseline: 1, ratio: 2 }],
        notes: [join(FIXTURES, "pkg")],
      },
      source: "tsx pkg/bench/prints-json.ts --json",
    });
  });

  it("skips a missing script, saying so", async () => {
    expect(await runJsonScript(script("nowhere.ts"), FIXTURES)).toEqual({
      title: "Script nowhere.ts",
      source: "pkg/bench/nowhere.ts",
      reason: "the script does not exist in this commit.",
    });
  });

  it("skips a failing script with its exit code and last stderr line", async () => {
    const done = await runJsonScript(script("fails.ts"), FIXTURES);
    expect(done).toMatchObject({ reason: "it failed: exited with code 3: no kernel to measure" });
  });

  it("skips a script whose JSON is not a BenchJson, naming the field", async () => {
    const done = await runJsonScript(script("bad-shape.ts"), FIXTURES);
    expect(done).toMatchObject({
      reason: expect.stringContaining("rows[0].value is not a finite number"),
    });
  });
});
