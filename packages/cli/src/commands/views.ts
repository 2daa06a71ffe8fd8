import type { EventFilter, EventType, KernelEvent } from "@ecology/kernel";
import type { Command } from "commander";
import type { CommandContext } from "../context.js";
import { pickDefined } from "../objects.js";
import { printTable } from "../output.js";
import { parseAmount } from "../parse-args.js";
import type { Handle } from "../program.js";

interface EventFlags {
  type?: string;
  principal?: string;
  artifact?: string;
  after?: number;
  limit?: number;
  follow?: boolean;
  as?: string;
}

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

function eventRow(e: KernelEvent): (string | number)[] {
  const data = JSON.stringify(e.data);
  return [
    e.seq,
    e.type,
    e.actor,
    e.target ?? "",
    data.length > 60 ? `${data.slice(0, 57)}...` : data,
  ];
}

function eventLine(e: KernelEvent): string {
  return eventRow(e).join("  ");
}

/** `artifacts`, `events`: looking at the economy. */
export function registerViewCommands(program: Command, handle: Handle, signal: AbortSignal): void {
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

  program
    .command("events")
    .description("show the event log, or follow it live with --follow")
    .option("--type <types>", "only these types (comma-separated)")
    .option("--principal <id>", "only events where this id is the actor or a subject")
    .option("--artifact <id>", "only events about this artifact")
    .option("--after <seq>", "only events after this sequence number", parseAmount)
    .option("--limit <n>", "at most n events (default 100, max 1000)", parseAmount)
    .option("--follow", "keep printing new events until interrupted")
    .option("--as <principal>", "ask with this principal's token instead of the operator's")
    .addHelpText(
      "after",
      "\nExamples:\n  $ ecology events --type escrow.purchased\n  $ ecology events --principal alice --follow",
    )
    .action(
      handle(async (ctx, opts: EventFlags) => {
        const filter = pickDefined({
          types: opts.type?.split(",").filter((t) => t.length > 0) as EventType[] | undefined,
          principal: opts.principal,
          artifact: opts.artifact,
          after: opts.after,
        }) as EventFilter;
        const token = ctx.readerToken(opts.as);
        if (opts.follow) return follow(ctx, filter, token, signal);
        const params = { ...filter, limit: opts.limit ?? 100 };
        await ctx.envelopeData("events", params, token, (page) => {
          const events = (page as { events: KernelEvent[] }).events;
          printTable(
            ctx.io,
            ["seq", "type", "actor", "target", "data"],
            events.map(eventRow),
            "no events",
          );
        });
      }),
    );
}

async function follow(
  ctx: CommandContext,
  filter: EventFilter,
  token: string,
  signal: AbortSignal,
) {
  const transport = await ctx.transport();
  for await (const event of transport.follow(filter, signal, token)) {
    ctx.io.out(ctx.json ? `${JSON.stringify(event)}\n` : `${eventLine(event)}\n`);
    if (signal.aborted) break;
  }
}
