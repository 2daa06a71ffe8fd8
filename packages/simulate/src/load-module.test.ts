import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SimulateError } from "./index.js";
import { loadModule } from "./load-module.js";

const fixtures = join(import.meta.dirname, "test-fixtures");

describe("loadModule", () => {
  it("bundles a TypeScript module with its relative imports and runs it in memory", async () => {
    const file = join(fixtures, "self-import.ts");
    const exports = await loadModule(file);
    expect(exports.helped).toBe(21);
    expect(exports.loadedFrom).toBe(file);
  });

  it("gives the module this very @ecology/simulate, not a bundled copy", async () => {
    const exports = await loadModule(join(fixtures, "self-import.ts"));
    expect(exports.errorClass).toBe(SimulateError);
  });

  it("loads the same file twice as two fresh module instances", async () => {
    const file = join(fixtures, "saver.ts");
    const [one, two] = [await loadModule(file), await loadModule(file)];
    expect(one.default).not.toBe(two.default);
    expect((one.default as { name: string }).name).toBe((two.default as { name: string }).name);
  });
});
