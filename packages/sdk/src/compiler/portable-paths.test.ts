import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { portableLabeler, relabelModuleComments, relabelSourceMap } from "./portable-paths.js";

/** Creates `files` (path → content) under a fresh temporary folder and returns the folder. */
function tree(files: { [path: string]: string }): string {
  const base = mkdtempSync(join(tmpdir(), "ecology-labels-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(base, path, ".."), { recursive: true });
    writeFileSync(join(base, path), content);
  }
  return base;
}

describe("portableLabeler", () => {
  const base = tree({
    "proj/package.json": '{ "name": "proj" }',
    "proj/src/main.ts": "",
    "proj/src/lib/util.ts": "",
    "proj/node_modules/.pnpm/left-pad@1.3.0/node_modules/left-pad/package.json":
      '{ "name": "left-pad" }',
    "proj/node_modules/.pnpm/left-pad@1.3.0/node_modules/left-pad/dist/package.json":
      '{ "type": "module" }',
    "proj/node_modules/.pnpm/left-pad@1.3.0/node_modules/left-pad/dist/index.js": "",
    "monorepo/packages/sdk/package.json": '{ "name": "@ecology/sdk" }',
    "monorepo/packages/sdk/src/contract.ts": "",
    "loose/file.js": "",
  });
  const label = portableLabeler(join(base, "proj/src/main.ts"));

  it("names project files relative to the entry's folder", () => {
    expect(label(join(base, "proj/src/main.ts"))).toBe("main.ts");
    expect(label(join(base, "proj/src/lib/util.ts"))).toBe("lib/util.ts");
  });

  it("names dependency files by package name, wherever the package manager put them", () => {
    const store = "proj/node_modules/.pnpm/left-pad@1.3.0/node_modules/left-pad/dist/index.js";
    expect(label(join(base, store))).toBe("../node_modules/left-pad/dist/index.js");
    expect(label(join(base, "monorepo/packages/sdk/src/contract.ts"))).toBe(
      "../node_modules/@ecology/sdk/src/contract.ts",
    );
  });

  it("names a file outside any package by its base name only", () => {
    expect(label(join(base, "loose/file.js"))).toBe("external/file.js");
  });
});

describe("relabelling", () => {
  it("rewrites esbuild's module comments only, line for line", () => {
    const js = "// ../../x/src/a.ts\nvar a = 1;\n  // ../../x/src/a.ts\n// a user comment\n";
    const labels = new Map([["../../x/src/a.ts", "a.ts"]]);
    expect(relabelModuleComments(js, labels)).toBe(
      "// a.ts\nvar a = 1;\n  // a.ts\n// a user comment\n",
    );
  });

  it("rewrites the source map's sources and keeps everything else", () => {
    const map = JSON.stringify({ version: 3, sources: ["a.ts", "../../x.ts"], mappings: "AAAA" });
    const out = JSON.parse(relabelSourceMap(map, "/p/src", (path) => `L:${path}`));
    expect(out).toEqual({ version: 3, sources: ["L:/p/src/a.ts", "L:/x.ts"], mappings: "AAAA" });
  });
});
