import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { generateTemplates } from "../generate/generate-templates.js";
import type { TemplateManifest } from "../generate/template-manifest.js";

/** The repository root, from this file. */
export const REPO = resolve(import.meta.dirname, "..", "..", "..", "..");

/** Generates every template from this checkout into a fresh temp folder (what `pnpm build` does). */
export function generateIntoTemp(): { dir: string; manifests: TemplateManifest[] } {
  const dir = join(mkdtempSync(join(tmpdir(), "ecology-templates-")), "templates");
  return { dir, manifests: generateTemplates({ repoRoot: REPO, outDir: dir }) };
}

/** A fresh empty temp folder. */
export function tempDir(prefix = "ecology-scaffold-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
