import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codes, type LspClient, startClient } from "./test-fixtures/lsp-client.js";
import { tempWorkspace } from "./test-fixtures/temp-workspace.js";

const caller = (body: string) => `import { type Ctx, defineContract } from "@ecology/sdk";
export default defineContract({
  methods: {
    go(ctx: Ctx<null>) {
      ${body}
    },
  },
});
`;

describe("workspace", () => {
  let root: string;
  let client: LspClient;
  beforeAll(async () => {
    root = tempWorkspace();
    client = await startClient({ root });
  });
  afterAll(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it("learns about a contract created on disk when the client reports the file", async () => {
    client.open("caller.ts", caller('return ctx.call("fresh", "ping");'));
    expect(codes(await client.diagnostics("caller.ts", (d) => d.length > 0))).toEqual([
      "unknown-target",
    ]);
    writeFileSync(
      join(root, "fresh.ts"),
      caller("return 1;").replace("go(ctx: Ctx<null>)", "ping(_ctx: Ctx<null>)"),
    );
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", {
      changes: [{ uri: client.uriOf("fresh.ts"), type: 1 }],
    });
    expect(await client.diagnostics("caller.ts", (d) => d.length === 0)).toEqual([]);
  });

  it("publishes the diagnostics of the latest text after a burst of edits", async () => {
    // Every text but the last has a type error; only the last one's diagnostics may stand.
    for (let i = 0; i < 6; i++) {
      client.change("caller.ts", caller(`const late: string = ${i}; return late;`));
    }
    client.change("caller.ts", caller('return ctx.call("fresh", "ping");'));
    expect(await client.diagnostics("caller.ts")).toEqual([]);
    client.change("caller.ts", caller("const late: string = 7; return late;"));
    expect((await client.diagnostics("caller.ts")).map((d) => d.code)).toEqual([2322]);
  });
});
