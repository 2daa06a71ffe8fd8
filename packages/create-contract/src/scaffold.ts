import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { type TemplateName, templateInfo } from "./catalog.js";
import type { PackageManager } from "./package-manager.js";
import {
  type ProjectSpec,
  renderExtensionsJson,
  renderGitignore,
  renderPackageJson,
  renderTsconfig,
  renderVitestConfig,
} from "./project-files.js";
import { renderReadme } from "./readme.js";
import { packageNameFor } from "./target-dir.js";
import { defaultTemplatesDir, loadTemplate } from "./template-store.js";

/** Options of {@link scaffoldProject}. */
export interface ScaffoldOptions {
  /** Target directory (created if absent). Emptiness is the caller's check. */
  readonly dir: string;
  readonly template: TemplateName;
  readonly packageManager: PackageManager;
  /** Whether an install follows (changes the README's first step). Default false. */
  readonly willInstall?: boolean;
  /** Where the generated templates are; default: the ones shipped with this package. */
  readonly templatesDir?: string;
}

/** What {@link scaffoldProject} wrote. */
export interface ScaffoldResult {
  readonly dir: string;
  readonly packageName: string;
  /** Relative paths written, sorted. */
  readonly files: readonly string[];
}

/**
 * Writes a project from `template` into `dir`: the template's sources (contract and tests),
 * package.json with resolved versions and scripts, tsconfig.json, vitest.config.ts, README,
 * .gitignore and .vscode/extensions.json. Does not install anything.
 *
 * @throws CreateContractError `templates_missing` / `template_invalid` for a broken package;
 *   file-system errors (permissions, disk full) propagate as they are.
 * @example
 * ```ts
 * scaffoldProject({ dir: "my-pool", template: "pool", packageManager: "npm" });
 * ```
 */
export function scaffoldProject(options: ScaffoldOptions): ScaffoldResult {
  const dir = resolve(options.dir);
  const loaded = loadTemplate(options.templatesDir ?? defaultTemplatesDir(), options.template);
  const spec: ProjectSpec = {
    packageName: packageNameFor(dir),
    info: templateInfo(options.template),
    manifest: loaded.manifest,
    packageManager: options.packageManager,
  };
  const written: string[] = [];
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
    written.push(file);
  };
  for (const file of loaded.manifest.files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(loaded.filesDir, file), join(dir, file));
    written.push(file);
  }
  write("package.json", renderPackageJson(spec));
  write("tsconfig.json", renderTsconfig());
  write("vitest.config.ts", renderVitestConfig());
  write("README.md", renderReadme(spec, { installed: options.willInstall === true }));
  write(".gitignore", renderGitignore());
  write(".vscode/extensions.json", renderExtensionsJson());
  return { dir, packageName: spec.packageName, files: written.sort() };
}
