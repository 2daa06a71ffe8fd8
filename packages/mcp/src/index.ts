// The MCP side of Ecology (DESIGN.md §11): tools generated from @ecology/protocol's RPC table
// plus discovery, deploy from TypeScript, escrow and explanations; one identity per session.

// Tools
export { toolsFor } from "./catalog.js";
export { compileSource, SOURCE_FILE } from "./compile-source.js";
export { MAX_SOURCE_CHARS } from "./deploy-tool.js";
// Transports
export type { McpHttpHandler, McpHttpOptions } from "./http-handler.js";
export { createMcpHttpHandler, DEFAULT_MAX_SESSIONS } from "./http-handler.js";
export type { McpServerOptions } from "./mcp-server.js";
export { createMcpServer, identify } from "./mcp-server.js";
export type { MethodSchema } from "./method-schemas.js";
export { argsSchema, methodSchemas } from "./method-schemas.js";
export { serveStdio } from "./stdio.js";
export type {
  AskHuman,
  EcologyTool,
  SessionIdentity,
  ToolAnnotations,
  ToolContext,
} from "./tool.js";
export { DATA_NOTE, envelopeSchema, snakeCase } from "./tool.js";
