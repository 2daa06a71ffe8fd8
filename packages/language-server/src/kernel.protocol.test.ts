import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createKernel, type Kernel } from "@ecology/kernel";
import type { ContractCode } from "@ecology/protocol";
import { createServer, type EcologyServer } from "@ecology/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codes, type LspClient, startClient, WORKSPACE } from "./test-fixtures/lsp-client.js";

/** A contract written by hand (no compiler): `inc(by)` adds to `state.n` and returns it. */
const VAULT: ContractCode = {
  js: "module.exports = { default: { methods: { inc: function (ctx, by) { ctx.state.n = (ctx.state.n || 0) + by; return ctx.state.n; } } } };",
  manifest: {
    methods: [
      {
        name: "inc",
        kind: "method",
        params: [{ name: "by", type: "number", schema: { type: "number" } }],
      },
    ],
    reentrant: false,
  },
};

const CALLER = `import { type Ctx, defineContract } from "@ecology/sdk";

export default defineContract({
  methods: {
    go(ctx: Ctx<null>) {
      return ctx.call("vault", "inc", 1);
    },
  },
});
`;

describe("connected to a local kernel", () => {
  let kernel: Kernel;
  let server: EcologyServer;
  let client: LspClient;
  let home: string;
  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), "eco-ls-"));
    const dir = join(home, ".ecology");
    kernel = await createKernel();
    server = await createServer({ kernel, dir, port: 0 });
    const operator = server.credentials.operatorToken();
    await server.dispatcher.call(operator, "createPrincipal", { id: "alice", scrip: 100 });
    const alice = server.credentials.tokenFor("alice");
    const deployed = await server.dispatcher.call(alice, "deploy", {
      id: "vault",
      code: VAULT,
      policy: { invokePrice: 4 },
    });
    expect(deployed.ok).toBe(true);
    client = await startClient({
      initializationOptions: { kernel: { url: server.url, dir, principal: "alice" } },
    });
    client.open("caller.ts", CALLER);
    await client.diagnostics("caller.ts");
  });
  afterAll(async () => {
    await client.stop();
    await server.close();
    await kernel.close();
    rmSync(home, { recursive: true, force: true });
  });

  it("knows deployed artifacts: their methods, argument types and that others do not exist", async () => {
    const text = CALLER.replace(
      'ctx.call("vault", "inc", 1);',
      'ctx.call("vault", "inc", "one");\n      ctx.call("vault", "dec", 1);\n      return ctx.call("nowhere", "x");',
    );
    client.change("caller.ts", text);
    const expected = ["argument-type", "unknown-method", "unknown-target"];
    // The deployed artifacts load after initialize; wait for the diagnostics that know them.
    const found = await client.diagnostics("caller.ts", (d) => codes(d).join() === expected.join());
    expect(codes(found)).toEqual(expected);
    // With a kernel connected an unknown id is an error, not a warning.
    expect(found.find((d) => d.code === "unknown-target")?.severity).toBe(1);
    client.change("caller.ts", CALLER);
    expect(await client.diagnostics("caller.ts", (d) => d.length === 0)).toEqual([]);
  });

  it("hovers a deployed target with its owner and policy, and hints its price", async () => {
    const uri = client.uriOf("caller.ts");
    const line = CALLER.split("\n").findIndex((l) => l.includes('"vault"'));
    const character = CALLER.split("\n")[line]?.indexOf('"vault"') ?? 0;
    const hover = await client.request<{ contents: { value: string } }>("textDocument/hover", {
      textDocument: { uri },
      position: { line, character: character + 2 },
    });
    expect(hover.contents.value).toContain("**vault** — kernel artifact");
    expect(hover.contents.value).toContain("owner: `alice`");
    expect(hover.contents.value).toContain("invoke price 4");
    expect(hover.contents.value).toContain("owner: `alice` · not upgradable");
    const hints = await client.request<{ label: string }[]>("textDocument/inlayHint", {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 10, character: 0 } },
    });
    expect(hints.map((h) => h.label)).toEqual(["4 scrip"]);
  });

  it("shows beside the owner that an upgradable contract's code can be replaced", async () => {
    const alice = server.credentials.tokenFor("alice");
    const deployed = await server.dispatcher.call(alice, "deploy", {
      id: "safe",
      code: VAULT,
      policy: { upgradable: true },
    });
    expect(deployed.ok).toBe(true);
    const refreshed = await client.request<{ success: boolean }>("workspace/executeCommand", {
      command: "ecology.refreshKernel",
    });
    expect(refreshed.success).toBe(true);
    const text = CALLER.replace('ctx.call("vault"', 'ctx.call("safe"');
    client.open("upgradable.ts", text);
    expect(await client.diagnostics("upgradable.ts", (d) => d.length === 0)).toEqual([]);
    const line = text.split("\n").findIndex((l) => l.includes('"safe"'));
    const character = text.split("\n")[line]?.indexOf('"safe"') ?? 0;
    const hover = await client.request<{ contents: { value: string } }>("textDocument/hover", {
      textDocument: { uri: client.uriOf("upgradable.ts") },
      position: { line, character: character + 2 },
    });
    expect(hover.contents.value).toContain("**safe** — kernel artifact");
    expect(hover.contents.value).toContain(
      "owner: `alice` · upgradable: the owner can replace the code",
    );
    client.close("upgradable.ts");
  });

  it("runs a method on the kernel with the arguments the client supplies", async () => {
    const envelope = await client.request<{ success: boolean; result: unknown }>(
      "workspace/executeCommand",
      { command: "ecology.run", arguments: [{ artifact: "vault", method: "inc", args: [5] }] },
    );
    expect(envelope).toMatchObject({ success: true, result: 5 });
  });

  it("deploys a workspace contract, then knows it as deployed and runs it", async () => {
    const deployed = await client.request<{ success: boolean }>("workspace/executeCommand", {
      command: "ecology.deploy",
      arguments: [{ file: join(WORKSPACE, "counter.ts"), id: "counter" }],
    });
    expect(deployed, JSON.stringify(deployed)).toMatchObject({ success: true });
    const ran = await client.request<{ success: boolean; result: unknown }>(
      "workspace/executeCommand",
      {
        command: "ecology.run",
        arguments: [{ artifact: "counter", method: "increment", args: [3] }],
      },
    );
    expect(ran).toMatchObject({ success: true, result: 3 });
    const text = CALLER.replace('"vault", "inc", 1', '"counter", "increment", 1');
    client.change("caller.ts", text);
    await client.diagnostics("caller.ts", (d) => d.length === 0);
    const line = text.split("\n").findIndex((l) => l.includes('"counter"'));
    const hover = await client.request<{ contents: { value: string } }>("textDocument/hover", {
      textDocument: { uri: client.uriOf("caller.ts") },
      position: { line, character: (text.split("\n")[line]?.indexOf('"counter"') ?? 0) + 2 },
    });
    expect(hover.contents.value).toContain("owner: `alice`");
  });

  it("refuses to deploy a file whose editor buffer is not saved", async () => {
    const file = join(WORKSPACE, "counter.ts");
    client.open("counter.ts", `${readFileSync(file, "utf8")}\n// unsaved\n`);
    const envelope = await client.request<{ success: boolean; error: { code: string } }>(
      "workspace/executeCommand",
      { command: "ecology.deploy", arguments: [{ file, id: "counter_2" }] },
    );
    client.close("counter.ts");
    expect(envelope).toMatchObject({ success: false, error: { code: "invalid_state" } });
  });

  it("answers a failure envelope when the run cannot happen", async () => {
    const envelope = await client.request<{ success: boolean; error: { code: string } }>(
      "workspace/executeCommand",
      { command: "ecology.run", arguments: [{ artifact: "vault", method: "inc", args: "five" }] },
    );
    expect(envelope).toMatchObject({ success: false, error: { code: "invalid_argument" } });
  });
});
