import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { BIN, TSX_LOADER } from "./run.js";

/** The echo service's TypeScript source, as an agent would send it to deploy_typescript. */
export const ECHO_SOURCE = readFileSync(
  join(dirname(fileURLToPath(import.meta.url)), "echo-service.ts"),
  "utf8",
);

/** An SDK client connected to `ecology mcp <flags>` started as a child process in `cwd`. */
export async function stdioClient(cwd: string, ...flags: string[]): Promise<Client> {
  const client = new Client({ name: "ecology-test", version: "1.0.0" });
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ["--import", TSX_LOADER, BIN, "mcp", ...flags],
    cwd,
    stderr: "pipe",
  });
  await client.connect(transport);
  return client;
}

/** An SDK client connected to `<url>/mcp` with a bearer token. */
export async function httpClient(url: string, token: string): Promise<Client> {
  const client = new Client({ name: "ecology-test", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL(`${url}/mcp`), {
    requestInit: { headers: { authorization: `Bearer ${token}` } },
  });
  await client.connect(transport);
  return client;
}

/** The envelope a tool answered (its structured content). */
export interface ToolEnvelope {
  success: boolean;
  result?: unknown;
  error?: { code: string; message: string; details?: unknown };
  cost?: { price: number; value: number; compute: number };
}

/** Calls a tool and answers its envelope; checks that the text block says the same. */
export async function callTool(
  client: Client,
  name: string,
  args: { [key: string]: unknown } = {},
): Promise<ToolEnvelope> {
  const answer = (await client.callTool({ name, arguments: args })) as CallToolResult;
  const envelope = answer.structuredContent as unknown as ToolEnvelope;
  const [text] = answer.content;
  if (text?.type !== "text" || JSON.stringify(JSON.parse(text.text)) !== JSON.stringify(envelope))
    throw new Error(`${name}: the text block is not the envelope`);
  if ((answer.isError === true) === envelope.success)
    throw new Error(`${name}: isError disagrees with the envelope`);
  return envelope;
}
