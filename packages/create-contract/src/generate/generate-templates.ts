import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { TEMPLATES, type TemplateInfo } from "../catalog.js";
import { CreateContractError } from "../create-contract-error.js";
import { projectScripts } from "../project-files.js";
import {
  type DependencyMap,
  FILES_DIR,
  MANIFEST_FILE,
  type ScriptMap,
  type TemplateManifest,
} from "./template-manifest.js";
import {
  readWorkspacePackages,
  resolveWorkspaceRanges,
  type WorkspacePackage,
} from "./workspace-versions.js";

/** Where to read sources and where to write templates. */
export interface GenerateOptions {
  /** The repository root (holds `packages/` and `examples/`). */
  readonly repoRoot: string;
  /** Output folder; replaced entirely. */
  readonly outDir: string;
}

/** Dev tools every generated project gets, at the versions this repository is tested with. */
const TOOLING = ["vitest", "typescript", "@types/node"] as const;
const KIT = ["@ecology/testing", "@ecology/cli"] as const;
/** An example's scripts that only make sense in this monorepo; the scaffolder renders its own. */
const MONOREPO_SCRIPTS = new Set(["build", "typecheck", "lint", "test", "clean"]);

/**
 * Generates every template from its source folder (an example package, or the blank template)
 * into `outDir/<name>/{template.json, files/}`. Runs at build time, so the published package
 * carries templates that are exactly the tested examples, with real version ranges.
 *
 * @throws CreateContractError `source_invalid` when a source folder is missing its contract or
 *   depends on an unpublished workspace package.
 * @example
 * ```ts
 * generateTemplates({ repoRoot: "/repo", outDir: "/repo/packages/create-contract/dist/templates" });
 * ```
 */
export function generateTemplates(options: GenerateOptions): TemplateManifest[] {
  const workspace = readWorkspacePackages(options.repoRoot);
  const rootPkg = readJson(join(options.repoRoot, "package.json"));
  rmSync(options.outDir, { recursive: true, force: true });
  return TEMPLATES.map((t) => generateOne(t, options, workspace, rootPkg.devDependencies ?? {}));
}

function generateOne(
  t: TemplateInfo,
  options: GenerateOptions,
  workspace: ReadonlyMap<string, WorkspacePackage>,
  rootDevDeps: DependencyMap,
): TemplateManifest {
  const sourceDir = join(options.repoRoot, t.source);
  const pkg = readJson(join(sourceDir, "package.json"));
  const files = listFiles(join(sourceDir, "src")).map((f) => `src/${f}`);
  if (!files.includes(t.contract)) {
    throw new CreateContractError("source_invalid", `${t.source} has no ${t.contract}`);
  }
  const target = join(options.outDir, t.name);
  for (const file of files) {
    mkdirSync(join(target, FILES_DIR, file, ".."), { recursive: true });
    cpSync(join(sourceDir, file), join(target, FILES_DIR, file));
  }
  const scripts = ownScripts(t, pkg.scripts ?? {});
  const manifest: TemplateManifest = {
    name: t.name,
    description: sentence(pkg.description ?? ""),
    patternDocs: patternDocs(sourceDir),
    scripts,
    dependencies: resolveWorkspaceRanges(pkg.dependencies ?? {}, workspace),
    devDependencies: resolveWorkspaceRanges(
      {
        ...baseDevDependencies(rootDevDeps),
        ...scriptTools(scripts, rootDevDeps),
        ...(pkg.devDependencies ?? {}),
      },
      workspace,
    ),
    files,
  };
  writeFileSync(join(target, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

function baseDevDependencies(rootDevDeps: DependencyMap): DependencyMap {
  const deps: DependencyMap = {};
  for (const name of KIT) deps[name] = "workspace:*";
  for (const name of TOOLING) deps[name] = rootRange(rootDevDeps, name);
  return deps;
}

function rootRange(rootDevDeps: DependencyMap, name: string): string {
  const range = rootDevDeps[name];
  if (!range) throw new CreateContractError("source_invalid", `root package.json lacks ${name}`);
  return range;
}

/** The example's scripts a project keeps: not the monorepo's, and never shadowing the scaffolder's. */
function ownScripts(t: TemplateInfo, scripts: ScriptMap): ScriptMap {
  const rendered = projectScripts(t);
  const own = Object.entries(scripts).filter(([name]) => !MONOREPO_SCRIPTS.has(name));
  for (const [name] of own) {
    if (name in rendered) {
      throw new CreateContractError(
        "source_invalid",
        `${t.source} defines a "${name}" script, which the scaffolder already writes`,
      );
    }
  }
  return Object.fromEntries(own);
}

/** `tsx`, at the root's range, when a carried script runs it: the example got it from the root. */
function scriptTools(scripts: ScriptMap, rootDevDeps: DependencyMap): DependencyMap {
  const usesTsx = Object.values(scripts).some((command) => /^tsx\s/.test(command));
  return usesTsx ? { tsx: rootRange(rootDevDeps, "tsx") } : {};
}

/** Files under `dir`, relative, sorted; slow tests stay behind (they need this repository's CI). */
function listFiles(dir: string): string[] {
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && !e.name.endsWith(".slow.test.ts"))
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join("/"))
    .sort();
}

/** "Ecology example: the pool pattern…" → "The pool pattern…". */
function sentence(description: string): string {
  const text = description.replace(/^Ecology example:\s*/, "");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function patternDocs(sourceDir: string): string {
  let text: string;
  try {
    text = readFileSync(join(sourceDir, "README.md"), "utf8");
  } catch {
    return "";
  }
  // Its monorepo commands are rewritten when the README is rendered, for the chosen manager.
  return text.replace(/^# .*\n+/, "").trim();
}

type PackageJson = {
  description?: string;
  scripts?: ScriptMap;
  dependencies?: DependencyMap;
  devDependencies?: DependencyMap;
};

function readJson(file: string): PackageJson {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as PackageJson;
  } catch (error) {
    throw new CreateContractError("source_invalid", `cannot read ${file}: ${String(error)}`);
  }
}
