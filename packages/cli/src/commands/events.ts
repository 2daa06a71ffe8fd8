import {
  type EventFilter,
  type EventPage,
  type EventType,
  type KernelEvent,
  ProtocolError,
} from "@ecology/protocol";
import type { Command } from "commander";
import { CliError } from "../cli-error.js";
import type { CommandContext } from "../context.js";
import { latestWindow, type PageReader, pageReader } from "../event-pages.js";
import { pickDefined } from "../objects.js";
import { printable, printJson, printTable } from "../output.js";
import { MAX_PAGE, parseAmount, parseLimit } from "../parse-args.js";
import type { Handle } from "../program.js";

/** How many events `ecology events` shows when not told otherwise. */
export const DEFAULT_EVENT_LIMIT = 50;

interface EventFlags {
  type?: string;
  principal?: string;
  artifact?: string;
  after?: number;
  before?: number;
  limit?: number;
  all?: boolean;
  follow?: boolean;
  as?: string;
}

function eventRow(e: KernelEvent): (string | number)[] {
  const data = JSON.stringify(e.data);
  return [
    e.seq,
    e.tx,
    e.type,
    e.actor,
    e.target ?? "",
    data.length > 60 ? `${data.slice(0, 57)}...` : data,
  ];
}

/** One event as one line: tab-free columns for humans, or the event as JSON with `--json`. */
function printEventLine(ctx: CommandContext, e: KernelEvent): void {
  ctx.io.out(ctx.json ? `${JSON.stringify(e)}\n` : `${printable(eventRow(e).join("  "))}\n`);
}

function printEventTable(ctx: CommandContext, events: KernelEvent[]): void {
  const rows = events.map(eventRow);
  printTable(ctx.io, ["seq", "tx", "type", "actor", "target", "data"], rows, "no events");
}

/** The filter flags as typed, so a paging line can be pasted back as a command. */
function filterFlags(opts: EventFlags): string {
  const flags = [
    opts.type && `--type ${opts.type}`,
    opts.principal && `--principal ${opts.principal}`,
    opts.artifact && `--artifact ${opts.artifact}`,
    opts.limit && `--limit ${opts.limit}`,
  ];
  return flags.filter(Boolean).join(" ");
}

function pagingLine(ctx: CommandContext, text: string, flags: string): void {
  ctx.io.out(`${text}: ecology events ${flags}\n`.replace(/ +\n$/, "\n"));
}

/** Default and `--before`: the newest N in seq order, then how to page back. */
async function showLatest(
  ctx: CommandContext,
  read: PageReader,
  filter: EventFilter,
  opts: EventFlags,
) {
  const limit = opts.limit ?? DEFAULT_EVENT_LIMIT;
  const { envelope, earlier } = await latestWindow(read, filter, limit);
  if (ctx.json) return printJson(ctx.io, envelope);
  const { events } = envelope.result;
  printEventTable(ctx, events);
  const first = events[0]?.seq;
  if (!earlier || first === undefined) return;
  const unfiltered = !opts.type && !opts.principal && !opts.artifact && opts.after === undefined;
  // Seqs are contiguous from 1, so without filters the earlier events are exactly 1..first-1.
  const count = unfiltered ? `${first - 1} earlier events` : "earlier matching events";
  pagingLine(ctx, `… ${count}; page back with`, `--before ${first} ${filterFlags(opts)}`);
}

/** `--after`: the first N after a seq, then how to page on. */
async function showAfter(
  ctx: CommandContext,
  read: PageReader,
  filter: EventFilter,
  opts: EventFlags,
) {
  const envelope = await read({ ...filter, limit: opts.limit ?? DEFAULT_EVENT_LIMIT });
  if (ctx.json) return printJson(ctx.io, envelope);
  printEventTable(ctx, envelope.result.events);
  const { next } = envelope.result;
  if (next !== null)
    pagingLine(ctx, "… more events; next page", `--after ${next} ${filterFlags(opts)}`);
}

/** `--all`: every matching event, page by page, one line each (one JSON event per line). */
async function showAll(
  ctx: CommandContext,
  read: PageReader,
  filter: EventFilter,
  opts: EventFlags,
) {
  let after: number | null = filter.after ?? 0;
  while (after !== null) {
    const page: EventPage = (await read({ ...filter, after, limit: opts.limit ?? MAX_PAGE }))
      .result;
    for (const e of page.events) printEventLine(ctx, e);
    after = page.next;
  }
}

/**
 * `--follow`: new events until interrupted, through the one client (embedded or served alike).
 *
 * @throws CliError with the refusal's own code when the stream is refused or ended by the
 * server; a stream that breaks off otherwise is `internal`.
 */
async function follow(
  ctx: CommandContext,
  filter: EventFilter,
  token: string,
  signal: AbortSignal,
) {
  const client = await ctx.client();
  try {
    for await (const event of client.follow(filter, { signal, token })) {
      printEventLine(ctx, event);
      if (signal.aborted) break;
    }
  } catch (error) {
    if (signal.aborted) return;
    if (error instanceof ProtocolError) {
      // A server's hints are written for raw API clients, except the stream cap's (429), which
      // says what anyone should do; otherwise the CLI fits its own hint to the code.
      throw new CliError(error.code, error.message, error.status === 429 ? error.hint : undefined);
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(
      "internal",
      `lost the event stream (${reason})`,
      "start the server with `ecology dev`, then follow again with --after <last seq>",
    );
  }
}

/** Refuses flag combinations that mean nothing, before any call. */
function checkModes(opts: EventFlags): void {
  const refuse = (message: string) => {
    throw new CliError("invalid_argument", message, "see `ecology events --help`");
  };
  if (opts.follow && (opts.all || opts.before !== undefined))
    refuse("--follow prints new events from --after on; it takes neither --all nor --before");
  if (opts.after !== undefined && opts.before !== undefined && opts.before <= opts.after + 1)
    refuse(`no seq is after ${opts.after} and before ${opts.before}`);
}

/** `events`: the newest events, paging with --before/--after, --all, or --follow. */
export function registerEventsCommand(program: Command, handle: Handle, signal: AbortSignal) {
  program
    .command("events")
    .description(`show the newest events (${DEFAULT_EVENT_LIMIT} by default), page, or follow live`)
    .option("--type <types>", "only these types (comma-separated)")
    .option("--principal <id>", "only events where this id is the actor or a subject")
    .option("--artifact <id>", "only events about this artifact")
    .option("--after <seq>", "the first events after this sequence number", parseAmount)
    .option("--before <seq>", "the newest events before this sequence number", parseAmount)
    .option(
      "--limit <n>",
      `how many (default ${DEFAULT_EVENT_LIMIT}, 1 to ${MAX_PAGE})`,
      parseLimit,
    )
    .option("--all", "every matching event, one per line (with --json, one JSON event per line)")
    .option("--follow", "keep printing new events until interrupted")
    .option("--as <principal>", "ask with this principal's token instead of the operator's")
    .addHelpText(
      "after",
      "\nExamples:\n  $ ecology events --type escrow.purchased\n  $ ecology events --before 120 --limit 20\n  $ ecology events --principal alice --follow",
    )
    .action(
      handle(async (ctx, opts: EventFlags) => {
        checkModes(opts);
        const filter = pickDefined({
          types: opts.type?.split(",").filter((t) => t.length > 0) as EventType[] | undefined,
          principal: opts.principal,
          artifact: opts.artifact,
          after: opts.after,
          before: opts.before,
        }) as EventFilter;
        const token = ctx.readerToken(opts.as);
        if (opts.follow) return follow(ctx, filter, token, signal);
        const read = pageReader(ctx, token);
        if (opts.all) return showAll(ctx, read, filter, opts);
        if (opts.after !== undefined) return showAfter(ctx, read, filter, opts);
        return showLatest(ctx, read, filter, opts);
      }),
    );
}
