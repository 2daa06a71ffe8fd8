import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "./generated.js";
import { nativeBuildTraces } from "./native-modules.js";

function tree(files: string[]): string {
  const root = join(tempDir("ecology-native-"), "node_modules");
  for (const file of files) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), "");
  }
  return root;
}

describe("nativeBuildTraces", () => {
  it("finds better-sqlite3, compiled addons and binding.gyp files, in pnpm's layout too", () => {
    const root = tree([
      ".pnpm/better-sqlite3@12.6.2/node_modules/better-sqlite3/package.json",
      ".pnpm/other@1.0.0/node_modules/other/build/Release/other.node",
      "gyp-only/binding.gyp",
      "@ecology/sdk/package.json",
    ]);
    expect(nativeBuildTraces(root).sort()).toEqual([
      ".pnpm/better-sqlite3@12.6.2/node_modules/better-sqlite3",
      ".pnpm/other@1.0.0/node_modules/other/build/Release/other.node",
      "gyp-only/binding.gyp",
    ]);
  });

  it("finds nothing in a tree of plain JavaScript, and does not follow symlinks out of it", () => {
    const root = tree(["@ecology/sdk/package.json", "esbuild/bin/esbuild"]);
    const outside = tree(["better-sqlite3/build/Release/better_sqlite3.node"]);
    symlinkSync(outside, join(root, "linked"));
    expect(nativeBuildTraces(root)).toEqual([]);
  });
});
