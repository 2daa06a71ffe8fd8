import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TemplateName } from "./catalog.js";
import { CreateContractError } from "./create-contract-error.js";
import { FILES_DIR, MANIFEST_FILE, type TemplateManifest } from "./generate/template-manifest.js";

/**
 * The folder holding the generated templates: `dist/templates` next to the built code, or
 * (running from sources in this repository) `../dist/templates` after `pnpm build`.
 *
 * @throws CreateContractError `templates_missing` when neither exists (not built, or published
 *   without them).
 */
export function defaultTemplatesDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, "templates"), join(here, "..", "dist", "templates")];
  const found = candidates.find((dir) => existsSync(join(dir, "blank", MANIFEST_FILE)));
  if (!found) {
    throw new CreateContractError(
      "templates_missing",
      `no templates in ${candidates.join(" or ")}; run \`pnpm build\` in @ecology/create-contract`,
    );
  }
  return found;
}

/** A template read from disk: its manifest and the folder its files are copied from. */
export interface LoadedTemplate {
  readonly manifest: TemplateManifest;
  readonly filesDir: string;
}

/**
 * Reads template `name` from `templatesDir`.
 *
 * @throws CreateContractError `template_invalid` when its manifest is missing or unreadable.
 */
export function loadTemplate(templatesDir: string, name: TemplateName): LoadedTemplate {
  const dir = join(templatesDir, name);
  let manifest: TemplateManifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), "utf8")) as TemplateManifest;
  } catch (error) {
    throw new CreateContractError("template_invalid", `cannot read template ${name}: ${error}`);
  }
  return { manifest, filesDir: join(dir, FILES_DIR) };
}
