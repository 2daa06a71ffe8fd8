import { createRequire } from "node:module";
import {
  type EcologyClient,
  type Envelope,
  fail,
  type Identity,
  type Schema,
  validate,
} from "@ecology/protocol";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  type CallToolResult,
  ListToolsRequestSchema,
} from "@modelcontextprotocol/sdk/types.js";
import { toolsFor } from "./catalog.js";
import { DATA_NOTE, type EcologyTool, type SessionIdentity, type ToolContext } from "./tool.js";

/** Options of {@link createMcpServer}. */
export interface McpServerOptions {
  /** The Ecology client the session calls through; its token is the session's one identity. */
  client: EcologyClient;
  /** Who that token acts as (from `whoami`; see {@link identify}). */
  identity: SessionIdentity;
}

const VERSION = (createRequire(import.meta.url)("../package.json") as { version: string }).version;

/**
 * An MCP server (the official SDK's low-level `Server`, JSON Schemas as they are) whose tools
 * act as exactly one identity: the token of `client`. Connect it to one transport (stdio, or
 * one Streamable HTTP session); it lives until that transport closes. Tool calls never throw:
 * every answer is the Ecology envelope as structured content, `isError` when it failed.
 *
 * @example
 * ```ts
 * const client = createClient({ url, token });
 * const server = createMcpServer({ client, identity: await identify(client) });
 * await server.connect(new StdioServerTransport());
 * ```
 */
export function createMcpServer(options: McpServerOptions): Server {
  const { client, identity } = options;
  const tools = toolsFor(identity);
  const byName = new Map(tools.map((t) => [t.name, t]));
  const server = new Server(
    { name: "ecology", version: VERSION },
    { capabilities: { tools: {} }, instructions: instructionsFor(identity) },
  );
  const ctx: ToolContext = {
    client,
    identity,
    ask: async (message) => {
      if (!server.getClientCapabilities()?.elicitation) return undefined;
      const answer = await server.elicitInput({
        message,
        requestedSchema: {
          type: "object",
          properties: { confirm: { type: "boolean", title: "Confirm", description: message } },
          required: ["confirm"],
        },
      });
      return answer.action === "accept" && answer.content?.confirm === true;
    },
  };
  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: tools.map(({ name, description, inputSchema, outputSchema, annotations }) => ({
      name,
      description,
      inputSchema: inputSchema as { type: "object" },
      outputSchema: outputSchema as { type: "object" },
      annotations,
    })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const tool = byName.get(request.params.name);
    const envelope = tool
      ? await callTool(tool, request.params.arguments ?? {}, ctx)
      : unknownTool(request.params.name, identity);
    return toResult(envelope);
  });
  return server;
}

/**
 * Who `client`'s token acts as, from `whoami`.
 *
 * @throws Error with the refusal's code and message when the token is refused.
 */
export async function identify(client: EcologyClient): Promise<SessionIdentity> {
  const who = await client.call("whoami", {});
  if (!who.success) throw new Error(`${who.error.code}: ${who.error.message}`);
  const identity = who.result as Identity;
  if (identity.kind === "viewer")
    throw new Error(
      "not_authorized: the viewer token is the explorer's; an MCP session acts as a principal (its token or a grant's) or the operator",
    );
  return identity;
}

async function callTool(
  tool: EcologyTool,
  args: { [key: string]: unknown },
  ctx: ToolContext,
): Promise<Envelope<unknown>> {
  const checked = validate(tool.inputSchema as Schema, args, {
    path: "arguments",
    untrusted: true,
  });
  if (!checked.ok) return fail("invalid_argument", `${tool.name}: ${checked.message}`);
  return tool.run(args, ctx);
}

function unknownTool(name: string, identity: SessionIdentity): Envelope<unknown> {
  const who = identity.kind === "operator" ? "the operator" : `principal ${identity.id}`;
  const elsewhere = toolsFor(
    identity.kind === "operator" ? { kind: "principal", id: "x" } : { kind: "operator" },
  ).some((t) => t.name === name);
  return elsewhere
    ? fail("not_authorized", `${name} is not available to this session: it acts as ${who}`)
    : fail("not_found", `no tool ${JSON.stringify(name.slice(0, 100))}; list the tools first`);
}

/** The envelope as structured content, and as JSON text for clients that only show text. */
function toResult(envelope: Envelope<unknown>): CallToolResult {
  return {
    content: [{ type: "text", text: JSON.stringify(envelope) }],
    structuredContent: envelope as unknown as { [key: string]: unknown },
    isError: !envelope.success,
  };
}

function instructionsFor(identity: SessionIdentity): string {
  const who =
    identity.kind === "operator"
      ? "the operator of this Ecology economy (operator tools are on)"
      : `principal ${identity.id} in an Ecology economy; every call acts and pays as ${identity.id}` +
        (identity.kind === "grant"
          ? `, within the limits of grant ${identity.grant} (the kernel refuses calls beyond them)`
          : "");
  return [
    `You act as ${who}.`,
    "Start with discover (artifacts, escrow listings, genesis methods) and contract_methods (a contract's methods and argument schemas); invoke calls a method; escrow_* trade artifacts; explain_transaction tells what a transaction did.",
    "Every answer is an envelope: success with result and cost, or error with a code.",
    DATA_NOTE,
  ].join(" ");
}
