import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const sdk = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "sdk");

/**
 * An empty workspace folder in the system's temp dir that resolves `@ecology/sdk` (a symlink to
 * the package), without a tsconfig.json. The caller removes it.
 */
export function tempWorkspace(): string {
  const root = mkdtempSync(join(tmpdir(), "eco-ls-ws-"));
  mkdirSync(join(root, "node_modules", "@ecology"), { recursive: true });
  symlinkSync(sdk, join(root, "node_modules", "@ecology", "sdk"), "dir");
  writeFileSync(join(root, "package.json"), JSON.stringify({ type: "module" }));
  return root;
}
