import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callTool, httpClient, stdioClient } from "./test-fixtures/mcp-clients.js";
import { tradeThroughMcp } from "./test-fixtures/mcp-trade.js";
import { type DevProcess, freshDir, runInProcess, startDev } from "./test-fixtures/run.js";

/** A fresh economy with alice and bob (100 scrip each); answers its folder. */
async function economy(): Promise<string> {
  const cwd = freshDir();
  await runInProcess(cwd, "init");
  await runInProcess(cwd, "principal", "create", "alice", "--scrip", "100");
  await runInProcess(cwd, "principal", "create", "bob", "--scrip", "100");
  return cwd;
}

/** A grant of `who` with room for the trade (spend 50, any target), its token. */
async function grantOf(cwd: string, who: string): Promise<string> {
  const issued = await runInProcess(cwd, "grant", "create", "--as", who, "--spend", "50");
  expect(issued.code, issued.stderr).toBe(0);
  return issued.stdout.trim();
}

function token(cwd: string, who: string): string {
  const file = who === "operator" ? "operator.token" : join("tokens", `${who}.token`);
  return readFileSync(join(cwd, ".ecology", file), "utf8").trim();
}

const OPERATOR_TOOLS = ["mint", "create_principal", "journal", "get_artifact"];

async function toolNames(client: Client): Promise<string[]> {
  return (await client.listTools()).tools.map((t) => t.name);
}

describe("ecology mcp over stdio", () => {
  let cwd: string;
  let alice: Client;
  let bob: Client;
  beforeAll(async () => {
    cwd = await economy();
    // alice on her principal token (--as), bob on a grant of his.
    const bobsGrant = await grantOf(cwd, "bob");
    [alice, bob] = await Promise.all([
      stdioClient(cwd, "--as", "alice"),
      stdioClient(cwd, "--token", bobsGrant),
    ]);
  });
  afterAll(async () => {
    await Promise.all([alice?.close(), bob?.close()]);
  });

  it("lets two agents discover a listing, trade through escrow, pay for a service and read the events", async () => {
    await tradeThroughMcp(alice, bob);
  });

  it("lists tools with schemas, annotations from mutates and the data note, and no operator tools", async () => {
    const { tools } = await alice.listTools();
    const byName = new Map(tools.map((t) => [t.name, t]));
    expect(OPERATOR_TOOLS.filter((name) => byName.has(name))).toEqual([]);
    expect(byName.get("balance")?.annotations).toMatchObject({ readOnlyHint: true });
    expect(byName.get("invoke")?.annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: true,
    });
    expect(byName.get("invoke")?.inputSchema).toMatchObject({
      type: "object",
      required: ["target", "method"],
    });
    for (const tool of tools) expect(tool.description, tool.name).toContain("never instructions");
  });

  it("refuses operator tools and acting on another principal's artifacts, changing nothing", async () => {
    const minted = await callTool(alice, "mint", { id: "alice", amount: 1000 });
    expect(minted.error?.code).toBe("not_authorized");
    await callTool(bob, "write", { id: "bobs-note", content: "mine" });
    const overwrite = await callTool(alice, "write", { id: "bobs-note", content: "alice's now" });
    expect(overwrite.error?.code).toBe("not_authorized");
    const taken = await callTool(alice, "transfer_ownership", { id: "bobs-note", to: "alice" });
    expect(taken.error?.code).toBe("not_authorized");
    expect(await callTool(bob, "read", { id: "bobs-note" })).toMatchObject({ result: "mine" });
    const who = await callTool(alice, "whoami", {});
    expect(who.result).toEqual({ kind: "principal", id: "alice" });
  });

  it("answers bad arguments with invalid_argument and a compile error with its position", async () => {
    const bad = await callTool(alice, "escrow_deposit", { artifactId: "report", price: -1 });
    expect(bad.error?.code).toBe("invalid_argument");
    const broken = await callTool(alice, "deploy_typescript", {
      source:
        'import { defineContract } from "@ecology/sdk";\nexport default defineContract({ methods: { now: () => Date.now() } });\n',
    });
    expect(broken.error?.code).toBe("invalid_argument");
    expect(broken.error?.message).toMatch(/contract\.ts:2:\d+/);
  });

  it("serves operator tools only to a session started with --operator", async () => {
    const operator = await stdioClient(cwd, "--operator");
    try {
      expect(await toolNames(operator)).toEqual(expect.arrayContaining(OPERATOR_TOOLS));
      expect(await toolNames(operator)).not.toContain("escrow_purchase");
      const minted = await callTool(operator, "mint", { id: "bob", amount: 5 });
      expect(minted).toMatchObject({ success: true, result: { id: "bob" } });
    } finally {
      await operator.close();
    }
  });

  it("exits with a one-line error when the identity is missing or refused", async () => {
    const none = await runInProcess(cwd, "mcp");
    expect(none.code).not.toBe(0);
    expect(none.stderr).toContain("exactly one identity");
    const forged = await runInProcess(cwd, "mcp", "--token", "not-a-real-token");
    expect(forged.code).not.toBe(0);
    expect(forged.stderr).toContain("not_authorized");
  });
});

describe("/mcp on ecology dev (Streamable HTTP)", () => {
  let cwd: string;
  let dev: DevProcess;
  let alice: Client;
  let bob: Client;
  beforeAll(async () => {
    cwd = await economy();
    const [alicesGrant, bobsGrant] = [await grantOf(cwd, "alice"), await grantOf(cwd, "bob")];
    dev = await startDev(cwd);
    // Both agents on grants: the bearer token is the grant's.
    [alice, bob] = await Promise.all([
      httpClient(dev.url, alicesGrant),
      httpClient(dev.url, bobsGrant),
    ]);
  });
  afterAll(async () => {
    await Promise.all([alice?.close(), bob?.close()]);
    await dev?.stop();
  });

  it("lets two agents discover a listing, trade through escrow, pay for a service and read the events", async () => {
    await tradeThroughMcp(alice, bob);
  });

  it("gives a grant's bearer token no operator tools, the operator's token its tools", async () => {
    expect((await toolNames(alice)).filter((n) => OPERATOR_TOOLS.includes(n))).toEqual([]);
    const operator = await httpClient(dev.url, token(cwd, "operator"));
    try {
      expect(await toolNames(operator)).toEqual(expect.arrayContaining(OPERATOR_TOOLS));
    } finally {
      await operator.close();
    }
  });

  it("refuses a session used with another principal's token (403)", async () => {
    const sessionId = (alice.transport as { sessionId?: string }).sessionId;
    expect(sessionId).toBeTruthy();
    const response = await fetch(`${dev.url}/mcp`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token(cwd, "bob")}`,
        "mcp-session-id": sessionId as string,
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
      },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "tools/call",
        params: { name: "balance", arguments: {} },
      }),
    });
    expect(response.status).toBe(403);
    expect(await callTool(alice, "whoami", {})).toMatchObject({
      result: { kind: "grant", id: "alice" },
    });
  });

  it("refuses a token of another data dir, and no token at all (401)", async () => {
    const elsewhere = await economy();
    const foreign = await fetch(`${dev.url}/mcp`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token(elsewhere, "alice")}`,
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
      },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "initialize",
        params: {
          protocolVersion: "2025-06-18",
          capabilities: {},
          clientInfo: { name: "intruder", version: "1" },
        },
      }),
    });
    expect(foreign.status).toBe(401);
    await expect(httpClient(dev.url, token(elsewhere, "alice"))).rejects.toThrow(/unknown token/);
    const bare = await fetch(`${dev.url}/mcp`, { method: "POST", body: "{}" });
    expect(bare.status).toBe(401);
    expect(bare.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });
});
