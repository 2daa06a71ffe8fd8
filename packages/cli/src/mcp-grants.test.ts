import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { ElicitRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callTool, stdioClient } from "./test-fixtures/mcp-clients.js";
import { BIN, freshDir, runInProcess, TSX_LOADER } from "./test-fixtures/run.js";

const ECHO_FILE = join(import.meta.dirname, "test-fixtures", "echo-service.ts");

/** An SDK client that can be asked for confirmations, answering each with `answer`. */
async function humanClient(
  cwd: string,
  token: string,
  answer: boolean,
  asked: string[],
): Promise<Client> {
  const client = new Client(
    { name: "ecology-test", version: "1.0.0" },
    { capabilities: { elicitation: {} } },
  );
  client.setRequestHandler(ElicitRequestSchema, (request) => {
    asked.push(request.params.message);
    return { action: "accept", content: { confirm: answer } };
  });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: ["--import", TSX_LOADER, BIN, "mcp", "--token", token],
      cwd,
      stderr: "pipe",
    }),
  );
  return client;
}

async function grant(cwd: string, ...limits: string[]): Promise<string> {
  const issued = await runInProcess(cwd, "grant", "create", "--as", "alice", ...limits);
  expect(issued.code, issued.stderr).toBe(0);
  return issued.stdout.trim();
}

const balanceOf = async (cwd: string, who: string) =>
  Number((await runInProcess(cwd, "balance", who, "--json")).stdout);

describe("ecology mcp on a grant token", () => {
  let cwd: string;
  const open: Client[] = [];
  beforeAll(async () => {
    cwd = freshDir();
    await runInProcess(cwd, "init");
    await runInProcess(cwd, "principal", "create", "alice", "--scrip", "100");
    await runInProcess(cwd, "principal", "create", "bob", "--scrip", "10");
    const deployed = await runInProcess(cwd, "deploy", ECHO_FILE, "--as", "bob", "--id", "echo");
    expect(deployed.code, deployed.stderr).toBe(0);
  });
  afterAll(async () => {
    await Promise.all(open.map((c) => c.close()));
  });

  it("asks the human by elicitation above confirmAbove and spends only after a yes", async () => {
    const token = await grant(cwd, "--spend", "10", "--confirm-above", "1");
    const asked: string[] = [];
    const agent = await humanClient(cwd, token, true, asked);
    open.push(agent);
    const before = await balanceOf(cwd, "alice");
    const paid = await callTool(agent, "invoke", { target: "echo", method: "echo", args: ["hi"] });
    expect(paid).toMatchObject({ success: true, result: "hi", cost: { price: 2 } });
    expect(asked).toHaveLength(1);
    expect(asked[0]).toContain("echo.echo");
    expect(await balanceOf(cwd, "alice")).toBe(before - 2);
  });

  it("spends nothing when the human declines", async () => {
    const token = await grant(cwd, "--spend", "10", "--confirm-above", "1");
    const asked: string[] = [];
    const agent = await humanClient(cwd, token, false, asked);
    open.push(agent);
    const before = await balanceOf(cwd, "alice");
    const refused = await callTool(agent, "invoke", { target: "echo", method: "echo", args: [1] });
    expect(refused.error?.code).toBe("not_authorized");
    expect(refused.error?.message).toContain("declined");
    expect(asked).toHaveLength(1);
    expect(await balanceOf(cwd, "alice")).toBe(before);
  });

  it("refuses, saying so, when the client has no elicitation; the agent cannot confirm itself", async () => {
    const token = await grant(cwd, "--spend", "10", "--confirm-above", "1");
    const agent = await stdioClient(cwd, "--token", token);
    open.push(agent);
    const before = await balanceOf(cwd, "alice");
    const refused = await callTool(agent, "invoke", { target: "echo", method: "echo", args: [1] });
    expect(refused.error?.code).toBe("not_authorized");
    expect(refused.error?.message).toContain("does not support elicitation");
    expect(refused.error?.details).toMatchObject({ grant: { reason: "confirmation_required" } });
    const forged = await callTool(agent, "invoke", {
      target: "echo",
      method: "echo",
      args: [1],
      confirmed: true,
    });
    expect(forged.error?.code).toBe("invalid_argument");
    expect(await balanceOf(cwd, "alice")).toBe(before);
  });

  it("is bounded by the grant's spend cap and never reaches the grant methods", async () => {
    const token = await grant(cwd, "--spend", "3");
    const agent = await stdioClient(cwd, "--token", token);
    open.push(agent);
    const names = (await agent.listTools()).tools.map((t) => t.name);
    expect(names).not.toContain("grant_create");
    expect(names).toContain("invoke");
    expect(await callTool(agent, "whoami", {})).toMatchObject({
      result: { kind: "grant", id: "alice" },
    });
    const first = await callTool(agent, "invoke", { target: "echo", method: "echo", args: [1] });
    expect(first.success).toBe(true);
    const before = await balanceOf(cwd, "alice");
    const second = await callTool(agent, "invoke", { target: "echo", method: "echo", args: [2] });
    expect(second.error?.code).toBe("not_authorized");
    expect(second.error?.details).toMatchObject({ grant: { reason: expect.any(String) } });
    expect(await balanceOf(cwd, "alice")).toBe(before);
    const widened = await callTool(agent, "grant_create", { spend: 1000 });
    expect(widened.error?.code).toBe("not_authorized");
  });
});
