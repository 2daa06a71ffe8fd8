import { join } from "node:path";
import { createKernel, type Kernel } from "@ecology/kernel";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { compileContract } from "./index.js";
import type { CompileResult } from "./types.js";

type CompiledContract = Extract<CompileResult, { ok: true }>;

const fixture = (name: string) => join(import.meta.dirname, "test-fixtures", `${name}.ts`);

async function compiled(name: string): Promise<CompiledContract> {
  const built = await compileContract(fixture(name));
  if (!built.ok) throw new Error(JSON.stringify(built.diagnostics, null, 2));
  return built;
}

describe("migrate in the manifest", () => {
  it("describes migrate's parameters beside init's, names, types, schemas and optionality", async () => {
    const { manifest } = (await compiled("counter-v2")).code;
    expect(manifest.init?.params).toEqual([
      { name: "note", type: "string", schema: { type: "string" } },
    ]);
    expect(manifest.migrate?.params).toEqual([
      { name: "note", type: "string", schema: { type: "string" } },
      { name: "bonus", type: "number", schema: { type: "number" }, optional: true },
    ]);
    expect(manifest.methods.map((m) => m.name)).toEqual(["increment", "history"]);
  });

  it("leaves migrate out when the code defines none", async () => {
    const { manifest } = (await compiled("counter-v1")).code;
    expect(manifest.migrate).toBeUndefined();
    expect(manifest.init?.params).toEqual([]);
  });
});

describe("counter-v1 upgraded to counter-v2 on a real kernel", () => {
  let kernel: Kernel;
  beforeEach(async () => {
    kernel = await createKernel();
    kernel.createPrincipal("alice", { scrip: 100 });
    kernel.createPrincipal("bob", { scrip: 100 });
    const v1 = await compiled("counter-v1");
    const policy = { upgradable: true };
    expect(kernel.deploy("alice", { id: "counter", code: v1.code, policy }).success).toBe(true);
    for (let i = 0; i < 3; i++) kernel.invoke("bob", "counter", "increment");
  });
  afterEach(() => kernel.close());

  it("runs migrate with the old state and the upgrade's arguments, then the new methods", async () => {
    const v2 = await compiled("counter-v2");
    const env = kernel.upgrade("alice", "counter", { code: v2.code, args: ["moved", 10] });
    expect(env.success).toBe(true);
    expect(kernel.getArtifact("counter")?.state).toEqual({ count: 13, history: ["moved"] });
    const next = kernel.invoke("bob", "counter", "increment", ["hi"]);
    expect(next.success && next.result).toBe(14);
  });

  it("refuses migrate arguments that do not fit its manifest, and changes nothing", async () => {
    const v2 = await compiled("counter-v2");
    const env = kernel.upgrade("alice", "counter", { code: v2.code, args: [7] });
    expect(env.success).toBe(false);
    if (!env.success) expect(env.error.code).toBe("invalid_argument");
    expect(kernel.getArtifact("counter")?.state).toEqual({ n: 3 });
  });
});
