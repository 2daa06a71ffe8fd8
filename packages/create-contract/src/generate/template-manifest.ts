import type { TemplateName } from "../catalog.js";

/** Dependency name → version range, as in package.json. */
export type DependencyMap = { [name: string]: string };

/** Script name → shell command, as in package.json. */
export type ScriptMap = { [name: string]: string };

/**
 * `template.json`, written next to a template's `files/` folder by the build step and read by the
 * scaffolder. Versions are already resolved: no `workspace:` ranges survive generation.
 */
export interface TemplateManifest {
  readonly name: TemplateName;
  /** One sentence about the pattern, from the example's package.json. */
  readonly description: string;
  /**
   * The example's README without its title; "" when it has none. Its monorepo commands
   * (`pnpm --filter @ecology/example-x <script>`) are rewritten for the project's package
   * manager when the README is rendered.
   */
  readonly patternDocs: string;
  /**
   * The example's own scripts beyond the monorepo's standard ones (e.g. the cooperative
   * service's `demo`), carried into the project's package.json next to the scaffolder's.
   */
  readonly scripts: ScriptMap;
  readonly dependencies: DependencyMap;
  readonly devDependencies: DependencyMap;
  /** Paths under `files/`, POSIX separators, sorted. */
  readonly files: readonly string[];
}

/** File name of the manifest inside each template folder. */
export const MANIFEST_FILE = "template.json";
/** Folder inside each template that holds the project files. */
export const FILES_DIR = "files";
