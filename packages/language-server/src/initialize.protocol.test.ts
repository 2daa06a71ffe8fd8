import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LspClient, startClient } from "./test-fixtures/lsp-client.js";

describe("initialize", () => {
  let client: LspClient;
  beforeAll(async () => {
    client = await startClient();
  });
  afterAll(() => client.stop());

  it("answers the capabilities when a client initializes", () => {
    expect(client.initializeResult).toMatchSnapshot();
  });

  it("logs and answers empty when a handler fails, then keeps serving", async () => {
    // A URI that is not a file makes the code lens handler throw inside.
    const lenses = await client.request("textDocument/codeLens", {
      textDocument: { uri: "untitled:Untitled-1" },
    });
    expect(lenses).toEqual([]);
    expect(client.logs.some((l) => l.includes("codeLens failed"))).toBe(true);
    const hover = await client.request("textDocument/hover", {
      textDocument: { uri: client.uriOf("nothing.ts") },
      position: { line: 0, character: 0 },
    });
    expect(hover).toBeNull();
  });

  it("leaves untitled buffers alone while checking files", async () => {
    await client.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri: "untitled:Untitled-2", languageId: "typescript", version: 1, text: "x" },
    });
    client.open("plain.ts", "export const answer: number = 42;\n");
    expect(await client.diagnostics("plain.ts")).toEqual([]);
    // The queue runs the other open documents right after; a round trip lets any log arrive.
    await client.request("textDocument/hover", {
      textDocument: { uri: client.uriOf("plain.ts") },
      position: { line: 0, character: 0 },
    });
    expect(client.logs.filter((l) => l.includes("untitled:Untitled-2"))).toEqual([]);
  });
});
