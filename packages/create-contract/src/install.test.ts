import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { installDependencies } from "./install.js";
import { tempDir } from "./test-fixtures/generated.js";

describe("installDependencies", () => {
  it("runs npm install in the project and resolves ok", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "package.json"), '{ "name": "empty", "version": "1.0.0" }\n');
    expect(await installDependencies(dir, "npm")).toEqual({ ok: true });
    expect(existsSync(join(dir, "package-lock.json"))).toBe(true);
  });

  it("resolves with a failure, not a throw, when the install fails", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "package.json"), "{ not json");
    const r = await installDependencies(dir, "npm");
    expect(r).toEqual({ ok: false, message: "npm install failed (exit code 1)" });
  });
});
