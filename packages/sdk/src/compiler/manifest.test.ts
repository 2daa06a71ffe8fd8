import { join } from "node:path";
import type { Manifest } from "@ecology/kernel";
import { beforeAll, describe, expect, it } from "vitest";
import { compileContract } from "./index.js";

const fixture = (name: string) => join(import.meta.dirname, "test-fixtures", `${name}.ts`);

let manifest: Manifest;
const method = (name: string) => manifest.methods.find((m) => m.name === name);

beforeAll(async () => {
  const built = await compileContract(fixture("signatures"));
  if (!built.ok) throw new Error(JSON.stringify(built.diagnostics, null, 2));
  manifest = built.code.manifest;
});

describe("manifest", () => {
  it("lists methods (including composed ones) and views with their kinds", () => {
    expect(manifest.methods.map((m) => [m.name, m.kind]).sort()).toEqual([
      ["anything", "method"],
      ["bump", "method"],
      ["choose", "method"],
      ["pay", "method"],
      ["rules", "view"],
      ["setRules", "method"],
      ["tag", "method"],
    ]);
  });

  it("records default prices and reentrant", () => {
    expect(method("bump")?.price).toBe(3);
    expect(method("rules")?.price).toBe(1);
    expect(method("tag")?.price).toBeUndefined();
    expect(manifest.reentrant).toBe(true);
  });

  it("gives parameter names without ctx, TypeScript text and return types", () => {
    expect(method("bump")?.params).toEqual([
      { name: "by", type: "number", schema: { type: "number" } },
    ]);
    expect(method("choose")?.returns).toMatch(
      /^\{ side: "(buyer|seller)" \| "(buyer|seller)"; flag: boolean; tiers: .*; \}$/,
    );
    expect(method("setRules")?.returns).toBe("void");
  });

  it("derives JSON Schema for primitives, literal unions, arrays and object types", () => {
    expect(method("choose")?.params.map((p) => p.schema)).toEqual([
      { type: "string", enum: ["buyer", "seller"] },
      { type: "boolean" },
      { type: "number", enum: [1, 2, 3] },
    ]);
    expect(method("setRules")?.params[0]?.schema).toEqual({
      type: "object",
      properties: {
        blacklist: { type: "array", items: { type: "string" } },
        minBalance: { type: "integer" },
        note: { type: "string" },
      },
      required: ["blacklist", "minBalance"],
    });
  });

  it("emits integer for parameters annotated with the SDK's Integer", () => {
    expect(method("pay")?.params).toEqual([
      { name: "amount", type: "number", schema: { type: "integer" } },
    ]);
  });

  it("marks optional parameters and leaves out schemas it cannot derive", () => {
    expect(method("tag")?.params[1]).toEqual({
      name: "memo",
      type: "string",
      schema: { type: "string" },
      optional: true,
    });
    expect(method("anything")?.params[0]).toEqual({ name: "value", type: "unknown" });
  });

  it("describes init's parameters", () => {
    expect(manifest.init?.params.map((p) => [p.name, p.type, p.optional ?? false])).toEqual([
      ["rules", "Rules", false],
      ["label", "string", true],
    ]);
  });
});
