import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { inspectTarget, notEmptyMessage, packageNameFor } from "./target-dir.js";
import { tempDir } from "./test-fixtures/generated.js";

describe("inspectTarget", () => {
  it("tells absent, empty, non-empty and not-a-directory apart", () => {
    const root = tempDir();
    expect(inspectTarget(join(root, "nope"))).toEqual({ kind: "absent" });
    mkdirSync(join(root, "fresh", ".git"), { recursive: true });
    expect(inspectTarget(join(root, "fresh"))).toEqual({ kind: "empty" });
    writeFileSync(join(root, "fresh", "notes.txt"), "hi");
    expect(inspectTarget(join(root, "fresh"))).toEqual({
      kind: "not-empty",
      entries: ["notes.txt"],
    });
    expect(inspectTarget(join(root, "fresh", "notes.txt"))).toEqual({ kind: "not-a-directory" });
  });
});

describe("notEmptyMessage", () => {
  it("names a few entries and the --force way out", () => {
    const message = notEmptyMessage("/x", ["a", "b", "c", "d"]);
    expect(message).toBe(
      "/x is not empty (a, b, c, …). Choose a new directory name, or pass --force to write the " +
        "template into it (files with the same names are overwritten).",
    );
  });
});

describe("packageNameFor", () => {
  it("derives a valid npm name from the directory", () => {
    expect(packageNameFor("/tmp/My Pool!")).toBe("my-pool");
    expect(packageNameFor("./_x")).toBe("x");
    expect(packageNameFor("/tmp/!!!")).toBe("ecology-contract");
  });
});
