import { join } from "node:path";
import { createKernel, type Kernel } from "@ecology/kernel";
import { createClient, type EcologyClient, type RpcOutcome } from "@ecology/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployFile } from "./deploy-file.js";

const fixtures = join(import.meta.dirname, "test-fixtures");

/** A client whose transport calls a real in-process kernel as the principal named by the token. */
function clientOf(kernel: Kernel): EcologyClient {
  return createClient({
    token: "alice",
    transport: {
      async call(method, params, token): Promise<RpcOutcome> {
        if (method !== "deploy") throw new Error(`unexpected ${method}`);
        return { ok: true, result: kernel.deploy(String(token), params as never) };
      },
      follow: () => {
        throw new Error("not used");
      },
    },
  });
}

describe("deployFile", () => {
  let kernel: Kernel;
  beforeAll(async () => {
    kernel = await createKernel();
    kernel.createPrincipal("alice", { scrip: 10 });
  });
  afterAll(() => kernel.close());

  it("compiles and deploys through the client, with init args and policy", async () => {
    const env = await deployFile(clientOf(kernel), "counter.ts", {
      cwd: fixtures,
      id: "counter",
      args: [5],
      policy: { invokePrice: 1 },
    });
    expect(env.success).toBe(true);
    expect(kernel.getArtifact("counter")?.state).toEqual({ count: 0, max: 5 });
    expect(kernel.getArtifact("counter")?.policy.invokePrice).toBe(1);
  });

  it("answers a compile failure as one invalid_argument envelope with positions", async () => {
    const env = await deployFile(clientOf(kernel), "non-deterministic.ts", { cwd: fixtures });
    expect(env.success).toBe(false);
    if (env.success) return;
    expect(env.error.code).toBe("invalid_argument");
    expect(env.error.message).toMatch(/^non-deterministic\.ts has \d+ compile errors$/);
    expect(env.error.at).toEqual({
      file: "non-deterministic.ts",
      line: 7,
      column: expect.any(Number),
    });
    const diagnostics = env.error.details?.diagnostics as { file: string; line: number }[];
    expect(diagnostics.length).toBeGreaterThan(1);
    expect(diagnostics.every((d) => d.file === "non-deterministic.ts")).toBe(true);
  });

  it("names a missing file in the failure, and deploys nothing", async () => {
    const before = kernel.query("artifacts", { kind: "contract" });
    const env = await deployFile(clientOf(kernel), "nope.ts", { cwd: fixtures });
    expect(env.success ? "" : env.error.message).toContain("no such file");
    expect(kernel.query("artifacts", { kind: "contract" })).toEqual(before);
  });
});
