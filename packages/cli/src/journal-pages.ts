import { type JournalPage, type JournalRecord, MAX_JOURNAL_PAGE } from "@ecology/protocol";
import type { CommandContext } from "./context.js";
import { callResult } from "./lookups.js";

/** A range of journal records by seq, both ends included; either end may be left open. */
export interface SeqRange {
  from?: number;
  to?: number;
}

/**
 * Yields the journal records in `range`, in order, paged through the operator-only `journal`
 * RPC (so it works embedded and against `ecology dev` alike). Pages are fetched as they are
 * consumed, so an export of a long history holds one page at a time.
 *
 * @throws CliError with the kernel's or server's code when a page is refused (no operator token:
 * `not_authorized`).
 * @example
 * ```ts
 * for await (const record of journalRecords(ctx, ctx.operatorToken(), { from: 10 })) use(record);
 * ```
 */
export async function* journalRecords(
  ctx: CommandContext,
  token: string,
  range: SeqRange = {},
): AsyncGenerator<JournalRecord> {
  let after: number | null = Math.max(0, (range.from ?? 1) - 1);
  const to = range.to ?? Number.POSITIVE_INFINITY;
  while (after !== null && after < to) {
    const limit = Math.min(MAX_JOURNAL_PAGE, to - after);
    const page: JournalPage = await callResult(ctx, "journal", { after, limit }, token);
    for (const record of page.records) {
      if (record.seq > to) return;
      yield record;
    }
    after = page.next;
  }
}
