import { readFileSync } from "node:fs";
import { genesisArtifacts } from "@ecology/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applyEdits,
  codes,
  type LspClient,
  type PublishedDiagnostic,
  positionOf,
  startClient,
} from "./test-fixtures/lsp-client.js";

const CALLER = `import { type Ctx, defineContract, genesis } from "@ecology/sdk";

export default defineContract({
  methods: {
    pay(ctx: Ctx<null>, to: string) {
      ctx.call(genesis.ledger, "transfer", to, 5);
      ctx.invoke("genesis_escrow", "check", "art");
      return ctx.call("counter", "increment", 1);
    },
  },
  views: {
    seen: (ctx: Ctx<null>) => ctx.invoke("counter", "current"),
  },
  prices: { pay: 3 },
});
`;

type Range = PublishedDiagnostic["range"];
type Action = {
  title: string;
  kind?: string;
  edit?: { changes: { [uri: string]: { range: Range; newText: string }[] } };
};

describe("editor features", () => {
  let client: LspClient;
  let uri: string;
  beforeAll(async () => {
    client = await startClient();
    uri = client.open("caller.ts", CALLER);
    await client.diagnostics("caller.ts");
  });
  afterAll(() => client.stop());

  const at = (needle: string, delta = 1) => ({
    textDocument: { uri },
    position: positionOf(CALLER, needle, delta),
  });

  it("hovers an invoke target with its owner, methods and prices", async () => {
    const hover = await client.request<{ contents: { value: string } }>(
      "textDocument/hover",
      at('"genesis_escrow"'),
    );
    expect(hover.contents.value).toContain("**genesis_escrow** — genesis artifact");
    expect(hover.contents.value).toContain("owner: `genesis`");
    expect(hover.contents.value).toContain("method deposit(artifactId: string, price: number");
    expect(hover.contents.value).toContain("// price 0");
  });

  it("hovers the method of a call with its signature and price", async () => {
    const hover = await client.request<{ contents: { value: string } }>(
      "textDocument/hover",
      at('"increment"'),
    );
    expect(hover.contents.value).toContain("method increment(by: number) // price 2");
    expect(hover.contents.value).not.toContain("current()");
  });

  it("hovers a genesis method with the description of protocol's manifest", async () => {
    const escrow = genesisArtifacts().find((a) => a.id === "genesis_escrow");
    const check = escrow?.manifest.methods.find((m) => m.name === "check");
    const hover = await client.request<{ contents: { value: string } }>(
      "textDocument/hover",
      at('"check"'),
    );
    expect(hover.contents.value).toContain(escrow?.description);
    expect(hover.contents.value).toContain(check?.description);
  });

  it("hovers a method definition with its price and workspace callers", async () => {
    const hover = await client.request<{ contents: { value: string } }>(
      "textDocument/hover",
      at("pay(ctx", 1),
    );
    expect(hover.contents.value).toContain("**caller.pay** — method");
    expect(hover.contents.value).toContain("price: 3");
    const counter = client.uriOf("counter.ts");
    const text = readFileSync(new URL(counter), "utf8");
    client.open("counter.ts", text);
    const onCounter = await client.request<{ contents: { value: string } }>("textDocument/hover", {
      textDocument: { uri: counter },
      position: positionOf(text, "increment(", 2),
    });
    expect(onCounter.contents.value).toMatch(/callers in the workspace \(2\): .*caller\.ts:8/);
    client.close("counter.ts");
  });

  it("completes artifact ids inside the target string", async () => {
    const items = await client.request<{ label: string; detail: string }[]>(
      "textDocument/completion",
      at('"genesis_escrow"', 1),
    );
    const labels = items.map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(["genesis_ledger", "genesis_escrow", "counter"]));
    expect(items.find((i) => i.label === "counter")?.detail).toBe("workspace artifact");
  });

  it("completes artifact ids while the string is still being typed", async () => {
    const typing = CALLER.replace(
      'return ctx.call("counter", "increment", 1);',
      'return ctx.call("',
    );
    const typingUri = client.open("typing.ts", typing);
    const items = await client.request<{ label: string; textEdit: { range: Range } }[]>(
      "textDocument/completion",
      { textDocument: { uri: typingUri }, position: positionOf(typing, 'ctx.call("', 10) },
    );
    client.close("typing.ts");
    expect(items.map((i) => i.label)).toContain("genesis_store");
    const range = items[0]?.textEdit.range;
    expect(range?.start).toEqual(range?.end);
  });

  it("completes the target's method names inside the method string", async () => {
    const items = await client.request<{ label: string; detail: string }[]>(
      "textDocument/completion",
      at('"check"', 1),
    );
    expect(items.map((i) => i.label)).toEqual([
      "deposit",
      "purchase",
      "cancel",
      "check",
      "listActive",
    ]);
    expect(items[0]?.detail).toContain("deposit(artifactId: string");
  });

  it("offers Deploy and Run ▶ lenses on a contract", async () => {
    const lenses = await client.request<
      { range: Range; command: { title: string; command: string; arguments: unknown[] } }[]
    >("textDocument/codeLens", { textDocument: { uri } });
    expect(lenses.map((l) => [l.command.title, l.range.start.line])).toEqual([
      ["Deploy", 2],
      ["Run ▶", 4],
      ["Run ▶", 11],
    ]);
    expect(lenses[1]?.command).toMatchObject({
      command: "ecology.run",
      arguments: [{ artifact: "caller", method: "pay", params: ["to"] }],
    });
  });

  it("shows prices as inlay hints at call sites that cost something", async () => {
    const hints = await client.request<{ position: { line: number }; label: string }[]>(
      "textDocument/inlayHint",
      {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } },
      },
    );
    // The two genesis calls are free and get no hint.
    expect(hints.map((h) => [h.position.line, h.label])).toEqual([[7, "2 scrip"]]);
  });

  /** The quick fixes for the first ecology diagnostic of `name`. */
  async function fixesFor(name: string, diagnostic: PublishedDiagnostic) {
    return client.request<Action[]>("textDocument/codeAction", {
      textDocument: { uri: client.uriOf(name) },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    });
  }

  for (const [call, fixed] of [
    ["Date.now()", "ctx.now"],
    ["Math.random()", "ctx.random()"],
  ] as const) {
    it(`fixes ${call} to ${fixed} and the diagnostic goes away`, async () => {
      const text = CALLER.replace(
        "return ctx.call(",
        `const t = ${call};\n      void t;\n      return ctx.call(`,
      );
      const name = `fix-${fixed.length}.ts`;
      client.open(name, text);
      const [found] = await client.diagnostics(name, (d) => d.length > 0);
      expect(found?.code).toBe("non-determinism");
      const actions = await fixesFor(name, found as PublishedDiagnostic);
      expect(actions.map((a) => [a.title, a.kind])).toEqual([[`Use ${fixed}`, "quickfix"]]);
      const edits = actions[0]?.edit?.changes[client.uriOf(name)] ?? [];
      const after = applyEdits(text, edits);
      expect(after).toContain(`const t = ${fixed};`);
      client.change(name, after);
      expect(codes(await client.diagnostics(name))).not.toContain("non-determinism");
      client.close(name);
    });
  }

  it("adds a missing method stub to the called workspace contract", async () => {
    const text = CALLER.replace('"counter", "increment", 1', '"counter", "reset", 7');
    client.open("stub.ts", text);
    const [found] = await client.diagnostics("stub.ts", (d) => d.length > 0);
    expect(found?.code).toBe("unknown-method");
    const actions = await fixesFor("stub.ts", found as PublishedDiagnostic);
    expect(actions.map((a) => a.title)).toEqual(['Add method stub "reset" to counter']);
    const counterUri = client.uriOf("counter.ts");
    const counter = readFileSync(new URL(counterUri), "utf8");
    const edited = applyEdits(counter, actions[0]?.edit?.changes[counterUri] ?? []);
    expect(edited).toContain("reset(ctx, arg1: number) {");
    client.open("counter.ts", edited);
    expect(await client.diagnostics("counter.ts")).toEqual([]);
    expect(await client.diagnostics("stub.ts", (d) => d.length === 0)).toEqual([]);
    client.close("counter.ts");
    client.close("stub.ts");
  });
});
