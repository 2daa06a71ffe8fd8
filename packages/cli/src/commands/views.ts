import type { ArtifactKind, ArtifactSummary } from "@ecology/protocol";
import type { Command } from "commander";
import { pickDefined } from "../objects.js";
import { printTable } from "../output.js";
import type { Handle } from "../program.js";

/** Whether a contract's owner may still replace its code; blank for data and genesis artifacts. */
function upgradability(a: ArtifactSummary): string {
  if (a.kind !== "contract") return "";
  return a.policy.upgradable === true ? "yes" : "no";
}

/** `artifacts`: looking at the economy's artifacts. */
export function registerViewCommands(program: Command, handle: Handle): void {
  program
    .command("artifacts")
    .description("list artifacts")
    .option("--owner <id>", "only artifacts owned by this principal")
    .option("--kind <kind>", "data, contract or genesis")
    .option("--name <text>", "only ids containing this text")
    .option("--as <principal>", "ask with this principal's token instead of the operator's")
    .addHelpText("after", "\nExample:\n  $ ecology artifacts --owner alice")
    .action(
      handle(async (ctx, opts: { owner?: string; kind?: string; name?: string; as?: string }) => {
        // The kind is passed as typed: the server's params schema refuses anything else.
        const kind = opts.kind as ArtifactKind | undefined;
        const params = pickDefined({ owner: opts.owner, kind, nameContains: opts.name });
        await ctx.envelopeData("artifacts", params, ctx.readerToken(opts.as), (found) => {
          const rows = found.map((a) => [a.id, a.kind, a.owner, a.version, upgradability(a)]);
          const head = ["id", "kind", "owner", "version", "upgradable"];
          printTable(ctx.io, head, rows, "no artifacts");
        });
      }),
    );
}
