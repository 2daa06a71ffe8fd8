import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";

/** Turns an absolute input path into the label the compiled program and its source map use. */
export type PathLabeler = (absolutePath: string) => string;

function posix(path: string): string {
  return path.split(sep).join("/");
}

function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== "" && !rel.startsWith("..") && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel);
}

/** The nearest folder at or above `dir` holding a package.json (with a name, if asked). */
function packageDir(dir: string, named: boolean): { dir: string; name?: string } | null {
  for (let current = dir; ; current = dirname(current)) {
    const manifest = join(current, "package.json");
    if (existsSync(manifest)) {
      if (!named) return { dir: current };
      const name = readName(manifest);
      if (name !== undefined) return { dir: current, name };
    }
    if (dirname(current) === current) return null;
  }
}

function readName(manifest: string): string | undefined {
  try {
    const name = (JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown }).name;
    return typeof name === "string" && name.length > 0 ? name : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Labels that depend on the project, never on where it sits on the machine or where the
 * compiler was started: a file of the project (the nearest package.json above `entry`) is named
 * relative to the entry's folder; a file of a dependency — in `node_modules`, or reached through
 * a symlink that resolves outside the project (pnpm workspaces) — is named as if it sat at
 * `<project>/node_modules/<package name>/<path in the package>`, relative to the entry's folder.
 * The compiled program is hashed into the contract's code hash, so this keeps one contract's
 * code hash the same in every checkout (issue 14).
 *
 * @example
 * ```ts
 * const label = portableLabeler("/home/me/proj/src/pool.ts");
 * label("/home/me/monorepo/packages/sdk/src/contract.ts"); // "../node_modules/@ecology/sdk/src/contract.ts"
 * ```
 */
export function portableLabeler(entry: string): PathLabeler {
  const entryDir = dirname(resolve(entry));
  const root = packageDir(entryDir, false)?.dir ?? entryDir;
  return (absolutePath) => {
    const file = resolve(absolutePath);
    const inProject = isInside(root, file) || file === root;
    if (inProject && !relative(root, file).split(sep).includes("node_modules"))
      return posix(relative(entryDir, file));
    const pkg = packageDir(dirname(file), true);
    if (!pkg?.name) return `external/${basename(file)}`;
    const asDependency = join(root, "node_modules", pkg.name, relative(pkg.dir, file));
    return posix(relative(entryDir, asDependency));
  };
}

/**
 * Rewrites esbuild's module comments (`// <path relative to the working directory>`, one line
 * each, so source-map line numbers are unchanged) to portable labels.
 */
export function relabelModuleComments(js: string, labels: ReadonlyMap<string, string>): string {
  return js.replace(/^([ \t]*)\/\/ (.+)$/gm, (line, indent: string, path: string) => {
    const label = labels.get(path);
    return label === undefined ? line : `${indent}// ${label}`;
  });
}

/** Replaces the source map's `sources` (relative to `mapDir`) with portable labels. */
export function relabelSourceMap(sourceMap: string, mapDir: string, label: PathLabeler): string {
  const map = JSON.parse(sourceMap) as { sources?: string[] };
  map.sources = (map.sources ?? []).map((source) => label(resolve(mapDir, source)));
  return JSON.stringify(map);
}
