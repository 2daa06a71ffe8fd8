import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { WORKSPACE } from "../test-fixtures/lsp-client.js";
import { createAnalyzer } from "./analyzer.js";

const path = join(WORKSPACE, "analyzer-unit.ts");

describe("createAnalyzer", () => {
  const analyzer = createAnalyzer(WORKSPACE);

  it("reports local variables named like forbidden globals only when they are the globals", () => {
    analyzer.setText(
      path,
      `import { defineContract } from "@ecology/sdk";
type Stamp = { at: Date };
export default defineContract({
  methods: {
    ok: (_ctx, n: number) => { const fetch = n; const s: Stamp | null = null; return [fetch, s === null]; },
    bad: () => performance.now(),
  },
});
`,
    );
    const found = analyzer.diagnose(path).filter((d) => d.source === "ecology");
    expect(found.map((d) => d.message)).toEqual([
      "performance is not available in contracts: use ctx.now; wall-clock time is not deterministic",
    ]);
  });

  it("accepts JSON-shaped arguments, results and state, branded ids and optional fields", () => {
    analyzer.setText(
      path,
      `import { type Ctx, defineContract, type ContractRef } from "@ecology/sdk";
type State = { names: string[]; meta?: { [k: string]: number | null }; pair: [string, boolean] };
export default defineContract({
  init: (): State => ({ names: [], pair: ["a", true] }),
  methods: {
    add(ctx: Ctx<State>, name: string, ref?: ContractRef<unknown>) { ctx.state.names.push(name + (ref ?? "")); },
    all: (ctx: Ctx<State>) => ({ ...ctx.state, count: ctx.state.names.length }),
  },
});
`,
    );
    expect(analyzer.diagnose(path)).toEqual([]);
  });

  it("serves a cached answer until the workspace changes", () => {
    const first = analyzer.diagnose(path);
    expect(analyzer.diagnose(path)).toBe(first);
    analyzer.setText(
      path,
      analyzer.workspace.sourceFile(path)?.text.replace("name: string", "name: Date") ?? "",
    );
    expect(analyzer.diagnose(path).map((d) => d.code)).toContain("non-json-argument");
  });
});

describe("contract rules scope", () => {
  const analyzer = createAnalyzer(WORKSPACE);
  const helper = join(WORKSPACE, "scope-helper.ts");
  const contract = join(WORKSPACE, "scope-contract.ts");
  const script = join(WORKSPACE, "scope-script.ts");

  it("checks files contracts import, and leaves tests and scripts alone", () => {
    analyzer.setText(helper, "export const stamp = (): number => Date.now();\n");
    analyzer.setText(
      contract,
      `import { defineContract } from "@ecology/sdk";
import { stamp } from "./scope-helper.js";
export default defineContract({ methods: { go: () => stamp() } });
`,
    );
    analyzer.setText(script, "export const started: number = Date.now();\n");
    expect(analyzer.diagnose(helper).map((d) => d.code)).toEqual(["non-determinism"]);
    expect(analyzer.diagnose(script)).toEqual([]);
  });
});

describe("module format", () => {
  it("treats files under a package.json with type module as ESM, as tsc does", () => {
    const analyzer = createAnalyzer(WORKSPACE);
    const file = join(WORKSPACE, "esm-script.ts");
    // import.meta is an error (TS1343) in CommonJS; the workspace has no Node types, so only
    // the meta object itself is used.
    analyzer.setText(file, "export const here: object = import.meta;\n");
    expect(analyzer.diagnose(file)).toEqual([]);
    const cjs = join(WORKSPACE, "cjs", "script.cts");
    analyzer.setText(cjs, "export const here: object = import.meta;\n");
    expect(analyzer.diagnose(cjs).map((d) => d.code)).toEqual([1470]);
  });
});

describe("a broken tsconfig.json", () => {
  it("falls back to default options and says why", () => {
    const root = mkdtempSync(join(tmpdir(), "eco-ls-badcfg-"));
    writeFileSync(join(root, "tsconfig.json"), '{ "compilerOptions": { "strict": tru ');
    writeFileSync(join(root, "a.ts"), 'export const a: number = "x";\n');
    const analyzer = createAnalyzer(root);
    expect(analyzer.diagnose(join(root, "a.ts")).map((d) => d.code)).toEqual([2322]);
    expect(analyzer.workspace.problem).toContain("tsconfig.json");
    rmSync(root, { recursive: true, force: true });
  });
});
