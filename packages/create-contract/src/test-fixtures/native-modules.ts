import { existsSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * What in `nodeModules` is native or would be built natively, as paths relative to it: any
 * `better-sqlite3` entry, compiled addons (`*.node`), and `binding.gyp` files — npm and pnpm run
 * `node-gyp rebuild` for a package that has one and no install script of its own. Symlinks are
 * not followed: pnpm's real files all sit under `node_modules/.pnpm`, which is walked.
 */
export function nativeBuildTraces(nodeModules: string): string[] {
  if (!existsSync(nodeModules)) return [];
  return readdirSync(nodeModules, { recursive: true, withFileTypes: true })
    .filter(
      (entry) =>
        entry.name === "better-sqlite3" ||
        (entry.isFile() && (entry.name.endsWith(".node") || entry.name === "binding.gyp")),
    )
    .map((entry) => relative(nodeModules, join(entry.parentPath, entry.name)));
}

/**
 * A Node program that compiles `file` with `@ecology/sdk/compiler`, as a contract-only project
 * would in CI, printing the manifest as JSON (exit 1 with the compile failure's message).
 */
export function compileScript(file: string): string {
  return [
    'const { compileForDeploy } = await import("@ecology/sdk/compiler");',
    `const built = await compileForDeploy(${JSON.stringify(file)});`,
    'if ("error" in built) { console.error(built.error.message); process.exit(1); }',
    "console.log(JSON.stringify(built.code.manifest));",
  ].join("\n");
}
