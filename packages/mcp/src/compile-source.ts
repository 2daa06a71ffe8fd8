import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { ContractCode, FailureEnvelope } from "@ecology/protocol";
import { compileForDeploy } from "@ecology/sdk/compiler";

/** The file name a submitted source is compiled as; diagnostics name it. */
export const SOURCE_FILE = "contract.ts";

/**
 * Compiles TypeScript contract source (a string) through the SDK's one compile path
 * (`compileForDeploy`, as `ecology deploy` does). The source is written to a fresh scratch
 * folder whose `node_modules/@ecology/sdk` links to the SDK this package runs with, so
 * `import { defineContract } from "@ecology/sdk"` resolves wherever the server runs; the folder
 * is removed afterwards. Compiles are not cached (sources arrive from agents, unbounded).
 *
 * @returns the code, or the compile failure envelope (`invalid_argument`, `contract.ts:line:col`).
 * @example
 * ```ts
 * const built = await compileSource('import { defineContract } from "@ecology/sdk"; …');
 * if ("error" in built) console.error(built.error.message);
 * ```
 */
export async function compileSource(
  source: string,
): Promise<{ code: ContractCode } | FailureEnvelope> {
  const dir = mkdtempSync(join(tmpdir(), "ecology-mcp-deploy-"));
  try {
    const scope = join(dir, "node_modules", "@ecology");
    mkdirSync(scope, { recursive: true });
    symlinkSync(sdkRoot(), join(scope, "sdk"), "dir");
    writeFileSync(join(dir, "package.json"), '{ "private": true, "type": "module" }\n');
    writeFileSync(join(dir, SOURCE_FILE), source);
    return await compileForDeploy(SOURCE_FILE, { cwd: dir, compile: { cache: false } });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let root: string | undefined;

/** The folder of the @ecology/sdk package this module resolves (its package.json's folder). */
function sdkRoot(): string {
  if (root) return root;
  let dir = dirname(createRequire(import.meta.url).resolve("@ecology/sdk/compiler"));
  while (!isSdkRoot(dir)) {
    const up = dirname(dir);
    if (up === dir) throw new Error("cannot find the @ecology/sdk package folder");
    dir = up;
  }
  root = dir;
  return dir;
}

function isSdkRoot(dir: string): boolean {
  const manifest = join(dir, "package.json");
  if (!existsSync(manifest)) return false;
  return (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "@ecology/sdk";
}
