import { cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type ContractCode, createKernel } from "@ecology/kernel";
import { describe, expect, it } from "vitest";
import { compileContract } from "./index.js";

const sdkDir = resolve(import.meta.dirname, "../..");
const fixtures = join(import.meta.dirname, "test-fixtures");

/**
 * A blank contract project under `parent`: package.json, `src/` holding the fixture, and
 * `node_modules/@ecology/sdk` linked to this SDK (as pnpm links it), so that esbuild resolves
 * the SDK to a real path outside the project.
 */
function project(parent: string): string {
  const root = join(parent, "tipjar");
  mkdirSync(join(root, "src"), { recursive: true });
  mkdirSync(join(root, "node_modules", "@ecology"), { recursive: true });
  writeFileSync(join(root, "package.json"), '{ "name": "tipjar", "type": "module" }\n');
  symlinkSync(sdkDir, join(root, "node_modules", "@ecology", "sdk"), "dir");
  const entry = join(root, "src", "contract.ts");
  cpSync(join(fixtures, "signatures.ts"), entry);
  cpSync(join(fixtures, "lib"), join(root, "src", "lib"), { recursive: true });
  return entry;
}

/** The code hash the real kernel gives the program at deploy. */
async function codeHashOf(code: ContractCode): Promise<string> {
  const kernel = await createKernel();
  try {
    kernel.createPrincipal("alice", { scrip: 0 });
    const deployed = kernel.deploy("alice", { code, args: [{ blacklist: [], minBalance: 0 }] });
    if (!deployed.success) throw new Error(deployed.error.message);
    return deployed.result.codeHash;
  } finally {
    kernel.close();
  }
}

describe("compiled code is independent of where the project sits", () => {
  it("gives the same program, source map, manifest and code hash at two depths", async () => {
    const base = mkdtempSync(join(tmpdir(), "ecology-portable-"));
    const shallow = project(join(base, "a"));
    const deep = project(join(base, "b", "c", "d", "e"));
    const [one, two] = await Promise.all([
      compileContract(shallow, { cache: false }),
      compileContract(deep, { cache: false }),
    ]);
    if (!one.ok || !two.ok) throw new Error(JSON.stringify([one.diagnostics, two.diagnostics]));
    expect(two.code.js).toBe(one.code.js);
    expect(two.code.sourceMap).toBe(one.code.sourceMap);
    expect(JSON.stringify(two.code.manifest)).toBe(JSON.stringify(one.code.manifest));
    expect(await codeHashOf(two.code)).toBe(await codeHashOf(one.code));
    // Nothing of the machine's layout is left in the hashed program.
    for (const text of [one.code.js, one.code.sourceMap ?? ""]) {
      expect(text).not.toContain(base);
      expect(text).not.toContain(sdkDir);
      expect(text).not.toMatch(/\.\.\/\.\.\/\.\.\//);
    }
    expect(JSON.parse(one.code.sourceMap ?? "{}").sources).toEqual(
      expect.arrayContaining(["contract.ts", "../node_modules/@ecology/sdk/src/contract.ts"]),
    );
  });
});
