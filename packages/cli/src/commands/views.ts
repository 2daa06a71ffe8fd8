import type { Command } from "commander";
import { pickDefined } from "../objects.js";
import { printTable } from "../output.js";
import type { Handle } from "../program.js";

/** Rows of whatever list shape a query answers with (array, `{ items }`, envelope…). */
export function listOf(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value as Record<string, unknown>[];
  if (value && typeof value === "object") {
    const v = value as Record<string, unknown>;
    for (const key of ["result", "artifacts", "items", "results"]) {
      if (key in v) return listOf(v[key]);
    }
  }
  return [];
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
        const params = pickDefined({ owner: opts.owner, kind: opts.kind, nameContains: opts.name });
        await ctx.envelopeData("artifacts", params, ctx.readerToken(opts.as), (found) => {
          const rows = listOf(found).map((a) => [
            String(a.id),
            String(a.kind),
            String(a.owner),
            String(a.version ?? ""),
          ]);
          printTable(ctx.io, ["id", "kind", "owner", "version"], rows, "no artifacts");
        });
      }),
    );
}
