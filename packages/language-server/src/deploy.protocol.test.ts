import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createKernel, type Kernel } from "@ecology/kernel";
import type { Envelope } from "@ecology/protocol";
import { createServer, type EcologyServer } from "@ecology/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LspClient, startClient } from "./test-fixtures/lsp-client.js";
import { tempWorkspace } from "./test-fixtures/temp-workspace.js";

const COUNTER = `import { type Ctx, defineContract } from "@ecology/sdk";

export default defineContract({
  init: (_ctx, start: number): { n: number } => ({ n: start }),
  methods: {
    add(ctx: Ctx<{ n: number }>, by: number) {
      ctx.state.n += by;
      return ctx.state.n;
    },
  },
});
`;

// Two errors: a type error on line 6 and a non-deterministic call on line 7.
const BROKEN = `import { type Ctx, defineContract } from "@ecology/sdk";

export default defineContract({
  methods: {
    late(_ctx: Ctx<null>) {
      const n: string = 7;
      return [n, Date.now()];
    },
  },
});
`;

type Diagnostic = { file: string; line: number; column: number; message: string };

describe("ecology.deploy", () => {
  let root: string;
  let kernel: Kernel;
  let server: EcologyServer;
  let client: LspClient;
  const deploy = (argument: object) =>
    client.request<Envelope>("workspace/executeCommand", {
      command: "ecology.deploy",
      arguments: [argument],
    });
  const contracts = () => kernel.query("artifacts", { kind: "contract" });

  beforeAll(async () => {
    root = tempWorkspace();
    mkdirSync(join(root, "src"));
    writeFileSync(join(root, "src", "counter.ts"), COUNTER);
    writeFileSync(join(root, "src", "broken.ts"), BROKEN);
    const dir = join(root, ".ecology");
    kernel = await createKernel();
    server = await createServer({ kernel, dir, port: 0 });
    const operator = server.credentials.operatorToken();
    await server.dispatcher.call(operator, "createPrincipal", { id: "alice", scrip: 100 });
    client = await startClient({
      root,
      initializationOptions: { kernel: { url: server.url, dir, principal: "alice" } },
    });
  });
  afterAll(async () => {
    await client?.stop();
    await server?.close();
    await kernel?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("compiles and deploys a contract file as the principal, with init args", async () => {
    const file = join(root, "src", "counter.ts");
    const envelope = await deploy({ file, id: "counter", args: [5] });
    expect(envelope, JSON.stringify(envelope)).toMatchObject({
      success: true,
      result: { id: "counter", codeHash: expect.any(String) },
    });
    expect(kernel.getArtifact("counter")).toMatchObject({ owner: "alice", state: { n: 5 } });
  });

  it("answers a compile failure with every error, positions relative to the workspace", async () => {
    const before = contracts();
    const envelope = await deploy({ file: join(root, "src", "broken.ts"), id: "broken" });
    expect(envelope.success).toBe(false);
    if (envelope.success) return;
    const { error } = envelope;
    expect(error.code).toBe("invalid_argument");
    expect(error.message).toBe("src/broken.ts has 2 compile errors");
    const diagnostics = error.details?.diagnostics as Diagnostic[];
    expect(diagnostics.map((d) => `${d.file}:${d.line}`).sort()).toEqual([
      "src/broken.ts:6",
      "src/broken.ts:7",
    ]);
    // `at` is where an editor jumps: the first error the compiler reports.
    const [first] = diagnostics;
    expect(error.at).toEqual({ file: "src/broken.ts", line: first?.line, column: first?.column });
    expect(first?.column).toBeGreaterThan(1);
    expect(contracts()).toEqual(before);
  });

  it("refuses malformed arguments before compiling anything", async () => {
    const file = join(root, "src", "counter.ts");
    for (const bad of [{ file, args: "one" }, { file, id: 7 }, { file, policy: [] }, {}]) {
      const envelope = await deploy(bad);
      expect(envelope, JSON.stringify(bad)).toMatchObject({
        success: false,
        error: { code: "invalid_argument" },
      });
    }
  });

  it("refuses a principal without a token, naming it", async () => {
    const envelope = await deploy({ file: join(root, "src", "counter.ts"), as: "mallory" });
    expect(envelope).toMatchObject({
      success: false,
      error: { code: "not_authorized", message: expect.stringContaining("mallory") },
    });
  });
});
