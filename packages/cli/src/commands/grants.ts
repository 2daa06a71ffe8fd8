import type { Grant, RpcParams } from "@ecology/protocol";
import type { Command } from "commander";
import type { CommandContext } from "../context.js";
import { pickDefined } from "../objects.js";
import { printTable } from "../output.js";
import { parseAmount, parseDuration, parseList } from "../parse-args.js";
import type { Handle } from "../program.js";

interface CreateFlags {
  as?: string;
  spend?: number;
  perCall?: number;
  targets?: "*" | string[];
  readOnly?: boolean;
  expires?: number;
  confirmAbove?: number;
}

/**
 * The `principal` param of a grant call: needed only when `--token` is the operator's acting
 * for `--as`; a principal's own token may name itself.
 */
function owner(ctx: CommandContext, as: string | undefined): { principal?: string } {
  return ctx.options.token && as ? { principal: as } : {};
}

function limitsText(g: Grant): string {
  const parts = [`spend ${g.spent}/${g.spend}`];
  if (g.perCall !== undefined) parts.push(`per call ${g.perCall}`);
  if (g.confirmAbove !== undefined) parts.push(`confirm above ${g.confirmAbove}`);
  if (g.readOnly) parts.push("read-only");
  return parts.join(", ");
}

function stateOf(g: Grant, now: number): string {
  if (g.revoked) return "revoked";
  if (g.expiresAt !== undefined && now >= g.expiresAt) return "expired";
  return g.expiresAt === undefined ? "live" : `live until ${new Date(g.expiresAt).toISOString()}`;
}

/** `grant create|list|revoke`: scoped, budgeted tokens for agents (DESIGN.md §10). */
export function registerGrantCommands(program: Command, handle: Handle): void {
  const grant = program
    .command("grant")
    .description("issue, list and revoke grants: tokens acting as a principal within limits");

  grant
    .command("create")
    .description("issue a grant of --as and print its token (shown once; keep it secret)")
    .option("--as <principal>", "the principal the grant acts as")
    .option(
      "--spend <n>",
      "total scrip it may move: prices + values + transfers (default 0)",
      parseAmount,
    )
    .option("--per-call <n>", "the most one call may move", parseAmount)
    .option(
      "--targets <list>",
      "artifact ids and artifact.method entries it may reach (a,b.m) or *",
      parseList,
    )
    .option("--read-only", "only reads and views")
    .option(
      "--expires <duration>",
      "stop working after this long (90s, 30m, 1h, 7d)",
      parseDuration,
    )
    .option("--confirm-above <n>", "a call moving more needs confirmed: true", parseAmount)
    .addHelpText(
      "after",
      '\nExamples:\n  $ ecology grant create --as alice --spend 50 --per-call 10 --targets shop.buy --expires 1h\n  $ ecology invoke shop buy --token "$(ecology grant create --as alice --spend 5)"',
    )
    .action(
      handle(async (ctx, opts: CreateFlags) => {
        const token = ctx.tokenOf(opts.as);
        const params: RpcParams<"grantCreate"> = pickDefined({
          ...owner(ctx, opts.as),
          spend: opts.spend,
          perCall: opts.perCall,
          targets: opts.targets,
          readOnly: opts.readOnly,
          expiresAt: opts.expires === undefined ? undefined : Date.now() + opts.expires,
          confirmAbove: opts.confirmAbove,
        });
        const envelope = await ctx.call("grantCreate", params, token);
        // The token alone on stdout, so `$(ecology grant create …)` captures exactly it.
        ctx.print(envelope, (issued) => ctx.io.out(`${issued.result.token}\n`));
      }),
    );

  grant
    .command("list")
    .description("the grants of --as, newest first (never their tokens)")
    .option("--as <principal>", "whose grants")
    .addHelpText("after", "\nExample:\n  $ ecology grant list --as alice")
    .action(
      handle(async (ctx, opts: { as?: string }) => {
        const params = owner(ctx, opts.as);
        await ctx.envelopeData("grantList", params, ctx.tokenOf(opts.as), (grants) => {
          const now = Date.now();
          const rows = grants.map((g) => [
            g.id,
            limitsText(g),
            g.targets === "*" ? "*" : g.targets.join(","),
            stateOf(g, now),
          ]);
          printTable(ctx.io, ["id", "limits", "targets", "state"], rows, "no grants");
        });
      }),
    );

  grant
    .command("revoke <id>")
    .description("revoke a grant of --as; its next call is refused")
    .option("--as <principal>", "whose grant")
    .addHelpText("after", "\nExample:\n  $ ecology grant revoke grant_tx12 --as alice")
    .action(
      handle(async (ctx, id: string, opts: { as?: string }) => {
        const params = { id, ...owner(ctx, opts.as) };
        await ctx.envelope("grantRevoke", params, ctx.tokenOf(opts.as), () => `revoked ${id}`);
      }),
    );
}
