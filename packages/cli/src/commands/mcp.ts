import { serveStdio } from "@ecology/mcp";
import type { Command } from "commander";
import { CliError } from "../cli-error.js";
import type { Handle } from "../program.js";

interface McpFlags {
  as?: string;
  operator?: boolean;
}

/** `mcp`: the Model Context Protocol over stdio, acting as exactly one principal (or the operator). */
export function registerMcpCommand(program: Command, handle: Handle, signal: AbortSignal): void {
  program
    .command("mcp")
    .description(
      "serve the Model Context Protocol over stdio as one principal (--as or --token) or the operator",
    )
    .option("--as <principal>", "act as this principal (its token from .ecology/tokens)")
    .option("--operator", "act as the operator: operator tools (mint, principal create…) are on")
    .addHelpText(
      "after",
      '\nExample (an MCP client\'s config):\n  { "command": "ecology", "args": ["mcp", "--as", "alice"] }',
    )
    .action(
      handle(async (ctx, opts: McpFlags) => {
        // --token (or ECOLOGY_TOKEN) is the CLI's global option: a principal's, a grant's or
        // the operator's token.
        const token = tokenOf({ ...opts, token: ctx.options.token }, ctx);
        try {
          await serveStdio(await ctx.clientWith(token), signal);
        } catch (error) {
          // serveStdio refuses a token before serving anything (whoami); say so on stderr.
          const message = error instanceof Error ? error.message : String(error);
          throw new CliError("not_authorized", `ecology mcp: ${message}`, sessionHint);
        }
      }),
    );
}

const sessionHint =
  "give exactly one of --as <principal>, --token <token> or --operator, for this .ecology folder";

function tokenOf(
  opts: McpFlags & { token?: string | undefined },
  ctx: { tokenOf(id: string): string; operatorToken(): string },
): string {
  const chosen = [opts.as, opts.token, opts.operator].filter((x) => x !== undefined).length;
  if (chosen !== 1) {
    throw new CliError("invalid_argument", "ecology mcp acts as exactly one identity", sessionHint);
  }
  if (opts.token !== undefined) return opts.token;
  if (opts.as !== undefined) return ctx.tokenOf(opts.as);
  return ctx.operatorToken();
}
