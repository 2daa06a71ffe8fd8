import type { Command } from "commander";
import { CliError } from "../cli-error.js";
import type { CommandContext } from "../context.js";
import { artifactIdsLike, callResult, closeIds, listPrincipals } from "../lookups.js";
import { printJson, printTable } from "../output.js";
import type { Handle } from "../program.js";

/**
 * A zero balance is what the kernel answers for any id, so before printing one, make sure the
 * id is a principal or an artifact.
 *
 * @throws CliError `not_found` with the closest ids.
 */
async function requireKnown(ctx: CommandContext, token: string, id: string): Promise<void> {
  const principals = (await listPrincipals(ctx, token)).map((p) => p.id);
  if (principals.includes(id)) return;
  const artifacts = await artifactIdsLike(ctx, token, id);
  if (artifacts.includes(id)) return;
  const close = closeIds(id, [
    ...principals,
    ...(await artifactIdsLike(ctx, token, id.slice(0, 2))),
  ]);
  throw new CliError(
    "not_found",
    `no principal or artifact "${id}"`,
    close.length > 0
      ? `did you mean ${close.join(", ")}? \`ecology principal list\` lists the principals`
      : "`ecology principal list` lists the principals, `ecology artifacts` the artifacts",
  );
}

/** Every balance: each principal's (zero included) and every non-zero artifact wallet, by id. */
async function allBalances(ctx: CommandContext, token: string): Promise<Record<string, number>> {
  const merged = { ...(await callResult(ctx, "balances", {}, token)) };
  for (const p of await listPrincipals(ctx, token)) merged[p.id] = p.balance;
  return Object.fromEntries(Object.entries(merged).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** `balance [id]`: one balance (unknown ids refused) or all of them. */
export function registerBalanceCommand(program: Command, handle: Handle): void {
  program
    .command("balance [id]")
    .description("the balance of a principal or artifact, or every balance (zero ones included)")
    .option("--as <principal>", "ask with this principal's token instead of the operator's")
    .addHelpText("after", "\nExamples:\n  $ ecology balance alice\n  $ ecology balance --json")
    .action(
      handle(async (ctx, id: string | undefined, opts: { as?: string }) => {
        const token = ctx.readerToken(opts.as);
        if (id) {
          const n = await callResult(ctx, "balance", { id }, token);
          if (n === 0) await requireKnown(ctx, token, id);
          if (ctx.json) printJson(ctx.io, n);
          else ctx.io.out(`${id}  ${n}\n`);
          return;
        }
        const all = await allBalances(ctx, token);
        if (ctx.json) printJson(ctx.io, all);
        else printTable(ctx.io, ["id", "balance"], Object.entries(all), "no balances yet");
      }),
    );
}

/** `principal list`: every principal, its balance and whether `.ecology/tokens/` has its token. */
export function registerPrincipalList(principal: Command, handle: Handle): void {
  principal
    .command("list")
    .description("list principals with their balance and whether a token file exists here")
    .option("--as <principal>", "ask with this principal's token instead of the operator's")
    .addHelpText("after", "\nExample:\n  $ ecology principal list --json")
    .action(
      handle(async (ctx, opts: { as?: string }) => {
        const rows = (await listPrincipals(ctx, ctx.readerToken(opts.as))).map((p) => ({
          id: p.id,
          balance: p.balance,
          createdAt: p.createdAt,
          tokenFile: ctx.credentials.tokenFor(p.id) !== undefined,
        }));
        if (ctx.json) return printJson(ctx.io, rows);
        const table = rows.map((p) => [p.id, p.balance, p.tokenFile ? "yes" : "no"]);
        printTable(ctx.io, ["id", "balance", "token file"], table, "no principals yet");
      }),
    );
}
