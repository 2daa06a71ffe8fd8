import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CreateContractError } from "../create-contract-error.js";
import type { DependencyMap } from "./template-manifest.js";

/** A workspace package as the template generator sees it. */
export interface WorkspacePackage {
  readonly version: string;
  readonly private: boolean;
}

/** Reads `packages/*` of the repository at `root`: name → version and privacy. */
export function readWorkspacePackages(root: string): Map<string, WorkspacePackage> {
  const found = new Map<string, WorkspacePackage>();
  const dir = join(root, "packages");
  for (const entry of readdirSync(dir)) {
    const file = join(dir, entry, "package.json");
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, "utf8")) as {
      name: string;
      version: string;
      private?: boolean;
    };
    found.set(pkg.name, { version: pkg.version, private: pkg.private === true });
  }
  return found;
}

/**
 * Rewrites `workspace:` ranges to what a published package would depend on (`workspace:*` and
 * `workspace:^` → `^version`, `workspace:~` → `~version`); other ranges are kept.
 *
 * @throws CreateContractError `source_invalid` when a dependency is a private or unknown
 *   workspace package: a generated project could never install it.
 */
export function resolveWorkspaceRanges(
  deps: DependencyMap,
  workspace: ReadonlyMap<string, WorkspacePackage>,
): DependencyMap {
  const out: DependencyMap = {};
  for (const [name, range] of Object.entries(deps)) {
    if (!range.startsWith("workspace:")) {
      out[name] = range;
      continue;
    }
    const pkg = workspace.get(name);
    if (!pkg || pkg.private) {
      throw new CreateContractError(
        "source_invalid",
        `${name} is not a published workspace package, so a template cannot depend on it`,
      );
    }
    const spec = range.slice("workspace:".length);
    out[name] = spec === "~" ? `~${pkg.version}` : `^${pkg.version}`;
  }
  return out;
}
