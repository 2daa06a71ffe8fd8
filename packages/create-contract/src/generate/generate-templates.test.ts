import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { TEMPLATE_NAMES, TEMPLATES } from "../catalog.js";
import { CreateContractError } from "../create-contract-error.js";
import { generateIntoTemp, REPO } from "../test-fixtures/generated.js";
import { generateTemplates } from "./generate-templates.js";
import type { TemplateManifest } from "./template-manifest.js";
import { readWorkspacePackages, resolveWorkspaceRanges } from "./workspace-versions.js";

let generated: { dir: string; manifests: TemplateManifest[] };
beforeAll(() => {
  generated = generateIntoTemp();
});

describe("generateTemplates", () => {
  it("writes one template per catalog entry, each with its main contract", () => {
    expect(generated.manifests.map((m) => m.name)).toEqual([...TEMPLATE_NAMES]);
    for (const t of TEMPLATES) {
      const manifest = generated.manifests.find((m) => m.name === t.name);
      expect(manifest?.files, t.name).toContain(t.contract);
      expect(
        manifest?.files.some((f) => f.endsWith(".test.ts")),
        t.name,
      ).toBe(true);
    }
  });

  it("copies the example sources byte for byte, so templates are the tested examples", () => {
    for (const t of TEMPLATES) {
      const manifest = generated.manifests.find((m) => m.name === t.name);
      for (const file of manifest?.files ?? []) {
        const copy = readFileSync(join(generated.dir, t.name, "files", file), "utf8");
        expect(copy, `${t.name}/${file}`).toBe(readFileSync(join(REPO, t.source, file), "utf8"));
      }
    }
  });

  it("declares every package a template's files import (a missing one fails only after install)", () => {
    const bare = /^\s*import\s(?:[^"']*\sfrom\s)?["']([^"'./][^"']*)["']/gm;
    for (const manifest of generated.manifests) {
      const declared = new Set([
        ...Object.keys(manifest.dependencies),
        ...Object.keys(manifest.devDependencies),
      ]);
      for (const file of manifest.files.filter((f) => f.endsWith(".ts"))) {
        const text = readFileSync(join(generated.dir, manifest.name, "files", file), "utf8");
        for (const [, spec = ""] of text.matchAll(bare)) {
          if (spec.startsWith("node:")) continue;
          const name = spec.startsWith("@")
            ? spec.split("/").slice(0, 2).join("/")
            : spec.split("/")[0];
          expect(declared.has(name ?? ""), `${manifest.name}/${file} imports ${spec}`).toBe(true);
        }
      }
    }
  });

  it("leaves no workspace: range and adds the test kit, CLI and vitest", () => {
    for (const m of generated.manifests) {
      const ranges = Object.values({ ...m.dependencies, ...m.devDependencies });
      expect(
        ranges.filter((r) => r.startsWith("workspace:")),
        m.name,
      ).toEqual([]);
      expect(Object.keys(m.devDependencies), m.name).toEqual(
        expect.arrayContaining(["@ecology/testing", "@ecology/cli", "vitest", "typescript"]),
      );
      expect(m.dependencies["@ecology/sdk"], m.name).toMatch(/^\^\d+\.\d+\.\d+/);
    }
  });

  it("keeps slow tests and monorepo-only commands out of templates", () => {
    for (const m of generated.manifests) {
      expect(
        m.files.filter((f) => f.endsWith(".slow.test.ts")),
        m.name,
      ).toEqual([]);
      expect(Object.keys(m.scripts), m.name).not.toEqual(
        expect.arrayContaining([expect.stringMatching(/^(build|typecheck|lint|test|clean)$/)]),
      );
      expect(m.description, m.name).toMatch(/^[A-Z]/);
    }
  });

  it("carries an example's own scripts, and tsx when one of them runs it", () => {
    const coop = generated.manifests.find((m) => m.name === "cooperative-service");
    expect(Object.keys(coop?.scripts ?? {})).toEqual(["demo"]);
    expect(coop?.devDependencies.tsx).toMatch(/^\^4\./);
    const pool = generated.manifests.find((m) => m.name === "pool");
    expect(pool?.scripts).toEqual({});
    expect(pool?.devDependencies.tsx).toBeUndefined();
  });
});

/** A copy of what generation reads (root and package manifests, template sources), to break. */
function copyOfSources(): string {
  const root = mkdtempSync(join(tmpdir(), "ecology-sources-"));
  cpSync(join(REPO, "package.json"), join(root, "package.json"));
  for (const p of readdirSync(join(REPO, "packages")))
    cpSync(join(REPO, "packages", p, "package.json"), join(root, "packages", p, "package.json"));
  for (const t of TEMPLATES) {
    cpSync(join(REPO, t.source, "package.json"), join(root, t.source, "package.json"));
    cpSync(join(REPO, t.source, "src"), join(root, t.source, "src"), { recursive: true });
  }
  return root;
}

describe("generateTemplates with an example's own scripts", () => {
  it("refuses a script that would shadow one the scaffolder writes, such as dev", () => {
    const root = copyOfSources();
    const file = join(root, "examples", "pool", "package.json");
    const pkg = JSON.parse(readFileSync(file, "utf8"));
    writeFileSync(file, JSON.stringify({ ...pkg, scripts: { ...pkg.scripts, dev: "rm -rf ." } }));
    const call = () => generateTemplates({ repoRoot: root, outDir: join(root, "out") });
    expect(call).toThrow(CreateContractError);
    expect(call).toThrow(
      /examples\/pool defines a "dev" script, which the scaffolder already writes/,
    );
  });
});

describe("resolveWorkspaceRanges", () => {
  const workspace = readWorkspacePackages(REPO);

  it("maps workspace:* and workspace:~ to the package's published range", () => {
    const sdk = workspace.get("@ecology/sdk")?.version;
    expect(
      resolveWorkspaceRanges(
        { "@ecology/sdk": "workspace:*", "@ecology/kernel": "workspace:~", zod: "^4.0.0" },
        workspace,
      ),
    ).toEqual({
      "@ecology/sdk": `^${sdk}`,
      "@ecology/kernel": `~${workspace.get("@ecology/kernel")?.version}`,
      zod: "^4.0.0",
    });
  });

  it("throws source_invalid for a workspace package that is not published", () => {
    const call = () => resolveWorkspaceRanges({ "@ecology/nope": "workspace:*" }, workspace);
    expect(call).toThrow(CreateContractError);
    expect(call).toThrow(/not a published workspace package/);
  });
});
