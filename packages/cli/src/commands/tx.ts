import type { RpcParams } from "@ecology/protocol";
import type { Command } from "commander";
import { CliError } from "../cli-error.js";
import type { Handle } from "../program.js";
import { renderTrace } from "../trace-render.js";

/** `tx <tx-id|seq>` or `tx --last` as the trace RPC's params. */
function whichOf(id: string | undefined, last: boolean | undefined): RpcParams<"trace"> {
  if (last && id !== undefined)
    throw new CliError(
      "invalid_argument",
      "give a transaction or --last, not both",
      "ecology tx --last",
    );
  if (last) return { last: true };
  if (id === undefined)
    throw new CliError(
      "invalid_argument",
      "which transaction?",
      "ecology tx tx12 · ecology tx 57 (any event's seq) · ecology tx --last",
    );
  if (/^tx[1-9][0-9]{0,15}$/.test(id)) return { tx: id };
  if (/^[1-9][0-9]{0,15}$/.test(id)) return { event: Number(id) };
  throw new CliError(
    "invalid_argument",
    `${id} is neither a transaction id (tx12) nor an event seq (57)`,
    "ecology events shows both",
  );
}

/** `tx`: a transaction's trace, as a tree in the terminal or exactly with --json. */
export function registerTxCommand(program: Command, handle: Handle): void {
  program
    .command("tx")
    .argument("[id]", "a transaction id (tx12) or the seq of any event in it")
    .description(
      "show a transaction's trace: who called what, who paid whom, what changed, why it failed",
    )
    .option("--last", "the latest transaction")
    .option(
      "--as <principal>",
      "ask with this principal's token (what allowRead protects is redacted)",
    )
    .addHelpText(
      "after",
      "\nExamples:\n  $ ecology tx --last\n  $ ecology tx tx12\n  $ ecology tx 57 --json",
    )
    .action(
      handle(async (ctx, id: string | undefined, opts: { last?: boolean; as?: string }) => {
        const which = whichOf(id, opts.last);
        await ctx.envelopeData("trace", which, ctx.readerToken(opts.as), (trace) => {
          ctx.io.out(renderTrace(trace as unknown as Parameters<typeof renderTrace>[0]));
        });
      }),
    );
}
