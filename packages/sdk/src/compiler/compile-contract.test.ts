import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { beforeEach, describe, expect, it } from "vitest";
import {
  type CompileDiagnostic,
  clearCompileCache,
  compileContract,
  formatDiagnostic,
} from "./index.js";

const fixture = (name: string) => join(import.meta.dirname, "test-fixtures", `${name}.ts`);

/** Loads a compiled program the way the runtime does: a script assigning module.exports. */
function load(js: string): { default: { methods: Record<string, (...a: unknown[]) => unknown> } } {
  const module = { exports: {} as never };
  runInNewContext(js, { module, exports: module.exports });
  return module.exports;
}

beforeEach(() => clearCompileCache());

describe("compileContract", () => {
  it("bundles a contract and its imports into one CommonJS program that runs", async () => {
    const built = await compileContract(fixture("counter"));
    if (!built.ok) throw new Error(JSON.stringify(built.diagnostics));
    expect(built.code.js).not.toMatch(/\brequire\(|\bimport\b/);
    const state = { count: 0, max: 5 };
    const increment = load(built.code.js).default.methods.increment;
    expect(increment?.({ state }, 3)).toBe(3);
    expect(increment?.({ state }, 9)).toBe(5);
    expect(built.diagnostics).toEqual([]);
  });

  it("emits a source map that embeds the sources and keeps the original source", async () => {
    const built = await compileContract(fixture("counter"));
    if (!built.ok) throw new Error("compile failed");
    const map = JSON.parse(built.code.sourceMap ?? "{}");
    expect(map.sources).toContain("counter.ts");
    expect(map.sources).toContain("lib/clamp.ts");
    expect(map.sourcesContent.join("\n")).toContain("Math.min(hi, Math.max(lo, n))");
    expect(built.code.source).toBe(readFileSync(fixture("counter"), "utf8"));
  });

  it("inlines the source map when asked", async () => {
    const built = await compileContract(fixture("counter"), { sourceMap: "inline" });
    if (!built.ok) throw new Error("compile failed");
    expect(built.code.sourceMap).toBeUndefined();
    expect(built.code.js).toMatch(
      /\/\/# sourceMappingURL=data:application\/json;charset=utf-8;base64,/,
    );
  });

  it("leaves unused SDK parts out of the bundle", async () => {
    const built = await compileContract(fixture("counter"));
    if (!built.ok) throw new Error("compile failed");
    expect(built.code.js).not.toContain("genesis_escrow");
    expect(built.code.js).not.toContain("SdkError");
  });

  it("fails with file:line:column when a contract imports a node: module", async () => {
    const built = await compileContract(fixture("node-import"));
    expect(built.ok).toBe(false);
    expect(built.diagnostics).toEqual([
      expect.objectContaining({ rule: "node-import", line: 1, column: 30, severity: "error" }),
    ]);
    expect(built.diagnostics[0]?.file).toMatch(/node-import\.ts$/);
    expect(built.diagnostics[0]?.message).toContain('"node:fs"');
  });

  it("fails when a contract imports a bare Node built-in", async () => {
    const built = await compileContract(fixture("builtin-import"));
    expect(built.ok).toBe(false);
    expect(built.diagnostics[0]).toMatchObject({ rule: "node-import", line: 3 });
  });

  it("names every non-deterministic global with its line, and allows locals and types", async () => {
    const built = await compileContract(fixture("non-deterministic"));
    expect(built.ok).toBe(false);
    const found = built.diagnostics
      .filter((d) => d.rule === "non-determinism")
      .map((d) => [d.line, d.message.split(" ")[0]]);
    expect(found).toEqual([
      [7, "Date"],
      [8, "Math.random"],
      [9, "setTimeout"],
      [10, "fetch"],
      [11, "performance"],
      [12, "process"],
      [13, "require"],
    ]);
    expect(formatDiagnostic(built.diagnostics[0] as CompileDiagnostic)).toMatch(
      /non-deterministic\.ts:7:16: Date is not available/,
    );
  });

  it("fails when the default export is missing", async () => {
    const built = await compileContract(fixture("no-default"));
    expect(built.ok).toBe(false);
    expect(built.diagnostics[0]).toMatchObject({ rule: "manifest" });
    expect(built.diagnostics[0]?.message).toContain("export default defineContract");
  });

  it("reports type errors with their position, unless typeCheck is off", async () => {
    const built = await compileContract(fixture("type-error"));
    expect(built.ok).toBe(false);
    expect(built.diagnostics[0]).toMatchObject({ rule: "type", line: 6, column: 7 });
    const unchecked = await compileContract(fixture("type-error"), { typeCheck: false });
    expect(unchecked.ok).toBe(true);
  });

  it("type-checks the SDK's own defineContract example (State inferred from init)", async () => {
    const built = await compileContract(fixture("crowdfund"));
    expect(built.diagnostics).toEqual([]);
    expect(built.ok && built.code.manifest.methods.map((m) => [m.name, m.returns])).toEqual([
      ["give", "number"],
      ["progress", "number"],
    ]);
  });

  it("fails when prices name something that is neither a method nor a view", async () => {
    const built = await compileContract(fixture("bad-price"));
    expect(built.ok).toBe(false);
    expect(built.diagnostics.map((d) => d.message).join()).toContain('"premium"');
  });

  it("returns the cached result while inputs are unchanged and recompiles after an edit", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ecology-sdk-"));
    const file = join(dir, "plain.ts");
    writeFileSync(file, "export default { methods: { one: () => 1 } };\n");
    const first = await compileContract(file);
    expect(await compileContract(file)).toBe(first);
    writeFileSync(file, "export default { methods: { two: () => 2 } };\n");
    const second = await compileContract(file);
    expect(second).not.toBe(first);
    expect(second.ok && second.code.manifest.methods.map((m) => m.name)).toEqual(["two"]);
  });

  it("produces the same program and manifest on every compile (stable code hashes)", async () => {
    const a = await compileContract(fixture("signatures"), { cache: false });
    const b = await compileContract(fixture("signatures"), { cache: false });
    if (!a.ok || !b.ok) throw new Error("compile failed");
    expect(b.code.js).toBe(a.code.js);
    expect(JSON.stringify(b.code.manifest)).toBe(JSON.stringify(a.code.manifest));
  });

  it("fails as a value for a missing file", async () => {
    const built = await compileContract(fixture("does-not-exist"));
    expect(built).toEqual({
      ok: false,
      diagnostics: [expect.objectContaining({ rule: "bundle" })],
    });
  });
});

describe("compileContract on JavaScript dependencies", () => {
  it("checks bundled JavaScript by syntax: globals refused, static require and locals allowed", async () => {
    const built = await compileContract(fixture("js-dependency"));
    expect(built.ok).toBe(false);
    const found = built.diagnostics.filter((d) => d.rule === "non-determinism");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 6 });
    expect(found[0]?.file).toMatch(/vendor\/stamp\.js$/);
    expect(found[0]?.message).toContain("Date is not available");
  });
});

describe("formatDiagnostic", () => {
  it("prints file:line:column: message, dropping unknown parts", () => {
    const base = { severity: "error", rule: "type", message: "boom" } as const;
    expect(formatDiagnostic({ ...base, file: "a.ts", line: 3, column: 9 })).toBe("a.ts:3:9: boom");
    expect(formatDiagnostic({ ...base, file: "a.ts" })).toBe("a.ts: boom");
    expect(formatDiagnostic(base)).toBe("boom");
  });
});
