import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lintPacked, mapLimit, packPackage, publishedPackages } from "./package-lint.js";

const work = mkdtempSync(join(tmpdir(), "ecology-package-lint-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Writes a package folder from `files` and packs it with pnpm, as `pnpm lint:packages` does. */
async function packFixture(name: string, files: { [path: string]: unknown }) {
  const dir = join(work, name);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    const text = typeof content === "string" ? content : `${JSON.stringify(content, null, 2)}\n`;
    writeFileSync(join(dir, path), text);
  }
  return packPackage(dir, work);
}

const BUILD = {
  "dist/index.js": "export const answer = 42;\n",
  "dist/index.d.ts": "export declare const answer: number;\n",
};
const manifest = (name: string, exports: unknown, files: string[] = ["dist"]) => ({
  name,
  version: "1.0.0",
  license: "MIT",
  type: "module",
  exports,
  files,
});

describe("lintPacked", () => {
  it("finds nothing in an ESM package whose exports put types first and ship only its build", async () => {
    const packed = await packFixture("clean", {
      "package.json": manifest("clean", {
        ".": { types: "./dist/index.d.ts", default: "./dist/index.js" },
      }),
      ...BUILD,
    });
    expect(await lintPacked(packed)).toEqual([]);
  });

  it("reports publint, attw and stray build files for a package that ships them wrong", async () => {
    const packed = await packFixture("broken", {
      "package.json": manifest("broken", {
        // types after default: TypeScript never reaches it; ./extra points at nothing.
        ".": { default: "./dist/index.js", types: "./dist/index.d.ts" },
        "./extra": { types: "./dist/extra.d.ts", default: "./dist/extra.js" },
      }),
      ...BUILD,
      "dist/tsc/index.d.ts": "export declare const answer: number;\n",
      "dist/tsconfig.tsbuildinfo": "{}\n",
    });
    const problems = (await lintPacked(packed)).join("\n");
    expect(problems).toMatch(
      /2 stray build files \(dist\/tsc\/index\.d\.ts, dist\/tsconfig\.tsbuildinfo\)/,
    );
    expect(problems).toMatch(/publint \w+ EXPORTS_TYPES_SHOULD_BE_FIRST/);
    expect(problems).toMatch(/publint \w+ FILE_DOES_NOT_EXIST/);
    expect(problems).toMatch(/attw NoResolution at "\.\/extra" \(node16-esm\)/);
    expect(problems).toMatch(/attw NoResolution at "\.\/extra" \(bundler\)/);
    // Ignored by the esm-only profile: our packages are not for require() or node10.
    expect(problems).not.toMatch(/node10|node16-cjs/);
  });

  it("keeps build output out when files excludes it, as our packages do", async () => {
    const packed = await packFixture("excluded", {
      "package.json": manifest(
        "excluded",
        { ".": { types: "./dist/index.d.ts", default: "./dist/index.js" } },
        ["dist", "!dist/tsc", "!dist/*.tsbuildinfo"],
      ),
      ...BUILD,
      "dist/tsc/index.d.ts": "export declare const answer: number;\n",
      "dist/tsconfig.tsbuildinfo": "{}\n",
    });
    expect([...packed.files].sort()).toEqual(["dist/index.d.ts", "dist/index.js", "package.json"]);
    expect(await lintPacked(packed)).toEqual([]);
  });
});

describe("publishedPackages", () => {
  it("lists every non-private package of packages/, protocol included", () => {
    const names = publishedPackages().map((p) => p.name);
    expect(names).toContain("@ecology/protocol");
    expect(names).toContain("@ecology/sdk");
    expect(names.every((n) => n.startsWith("@ecology/"))).toBe(true);
  });
});

describe("mapLimit", () => {
  it("never runs more than the limit at once and keeps the order", async () => {
    let running = 0;
    let peak = 0;
    const out = await mapLimit([5, 1, 4, 2, 3], 2, async (n) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((r) => setImmediate(r));
      running -= 1;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });
});
