import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { CliError } from "./cli-error.js";

/** Extensions a scenario name may leave out, in the order they are tried. */
const SCENARIO_EXTENSIONS = [".ts", ".mts", ".js", ".mjs"] as const;

/** The folder scenarios are found in by name, under the project root. */
export const SCENARIOS_FOLDER = "scenarios";

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

/**
 * The project a command runs in: the nearest folder at or above `cwd` with a `package.json`,
 * or `cwd` itself when there is none (a loose folder of scenario files still works).
 */
export function projectRoot(cwd: string): string {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) return resolve(cwd);
  }
}

/** Names of the scenario files in `root/scenarios/` (tests and declarations left out), sorted. */
export function scenarioNames(root: string): string[] {
  const folder = join(root, SCENARIOS_FOLDER);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return [];
  return readdirSync(folder)
    .filter((f) => SCENARIO_EXTENSIONS.some((ext) => f.endsWith(ext)))
    .filter((f) => !/\.(test|spec|d)\.[mc]?[jt]s$/.test(f) && isFile(join(folder, f)))
    .map((f) => f.replace(/\.[mc]?[jt]s$/, ""))
    .sort();
}

/** `scenarios/<name>`, then with each extension, under the project root; undefined if none. */
function byName(name: string, root: string): string | undefined {
  const base = join(root, SCENARIOS_FOLDER, name);
  return ["", ...SCENARIO_EXTENSIONS].map((ext) => `${base}${ext}`).find(isFile);
}

/**
 * Resolves the scenario argument of `ecology simulate` to an absolute file path: a path to a
 * file (relative to `cwd`), else — for a bare name such as `pool` — `scenarios/pool.ts` (or
 * `.mts`, `.js`, `.mjs`) in the project root ({@link projectRoot}).
 *
 * @throws CliError `invalid_argument` for a folder, `not_found` when neither finds a file (the
 * hint lists the scenarios the project has).
 * @example
 * ```ts
 * resolveScenario("pool", "/home/me/my-pool"); // "/home/me/my-pool/scenarios/pool.ts"
 * ```
 */
export function resolveScenario(arg: string, cwd: string): string {
  const path = resolve(cwd, arg);
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new CliError(
      "invalid_argument",
      `${arg} is a folder, not a scenario file`,
      "pass a scenario file, e.g. `ecology simulate scenarios/pool.ts`",
    );
  }
  if (isFile(path)) return path;
  const root = projectRoot(cwd);
  const isName = !/[\\/]/.test(arg) && arg !== "" && !arg.startsWith(".");
  const found = isName ? byName(arg, root) : undefined;
  if (found) return found;
  const names = scenarioNames(root);
  const where = join(root, SCENARIOS_FOLDER);
  throw new CliError(
    "not_found",
    isName
      ? `no scenario ${JSON.stringify(arg)}: no such file, and none by that name in ${where}`
      : `no such scenario file: ${path}`,
    names.length > 0
      ? `the scenarios in ${where} are: ${names.join(", ")}`
      : `pass the path of a scenario file, or put scenarios in ${where}/`,
  );
}
