import type { EventFilter, EventPage, KernelEvent } from "@ecology/protocol";

/** Reads one page of events (the `events` RPC, or a kernel directly in tests). */
export type ReadEvents = (filter: EventFilter) => Promise<EventPage>;

/** The most events one `events` call answers (MAX_EVENT_PAGE of the protocol). */
const PAGE_MAX = 1000;

/**
 * The seq of the newest event (0 for an empty log), in about 2·log2(n) one-event reads: seqs are
 * contiguous from 1, so "is there an event after x" is monotone in x. The log is read in
 * ascending pages only, and this never reads more than one event per call.
 *
 * @example
 * ```ts
 * await headSeq(api.events); // 100000
 * ```
 */
export async function headSeq(read: ReadEvents): Promise<number> {
  const hasAfter = async (seq: number) => (await read({ after: seq, limit: 1 })).events.length > 0;
  let hi = 1;
  while (await hasAfter(hi)) hi *= 2;
  let lo = 0;
  // The smallest x with no event after it is the head.
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (await hasAfter(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A page of events, newest first, and the `before` of the next older page (null: none). */
export interface NewestPage {
  events: KernelEvent[];
  older: number | null;
}

/**
 * The newest `size` events matching `filter` with seq < `before`, newest first. The log only
 * pages upwards, so this reads a window below `before` that widens (x4) until it holds `size`
 * matches or reaches the start: a sparse filter costs a few indexed reads, never the whole log.
 *
 * @example
 * ```ts
 * const page = await newestEvents(api.events, { types: ["scrip.minted"] }, head + 1, 50);
 * ```
 */
export async function newestEvents(
  read: ReadEvents,
  filter: Omit<EventFilter, "after" | "before" | "limit">,
  before: number,
  size: number,
): Promise<NewestPage> {
  let span = size * 2;
  for (;;) {
    const after = Math.max(0, before - 1 - span);
    let rows: KernelEvent[] = [];
    let from = after;
    for (;;) {
      const page = await read({ ...filter, after: from, before, limit: PAGE_MAX });
      rows = [...rows, ...page.events].slice(-size);
      if (page.next === null) break;
      from = page.next;
    }
    if (rows.length >= size || after === 0) {
      const oldest = rows[0]?.seq;
      const more = oldest !== undefined && (after > 0 || rows.length === size) && oldest > 1;
      return { events: rows.reverse(), older: more ? oldest : null };
    }
    span *= 4;
  }
}
