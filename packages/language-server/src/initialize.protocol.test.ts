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
});
