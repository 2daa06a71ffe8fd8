import type { EventFilter, EventPage, SuccessEnvelope } from "@ecology/protocol";
import type { CommandContext } from "./context.js";
import { callSuccess } from "./lookups.js";
import { MAX_PAGE } from "./parse-args.js";

/** Reads one page of events; the failure envelope is thrown as a CliError. */
export type PageReader = (filter: EventFilter) => Promise<SuccessEnvelope<EventPage>>;

/** A {@link PageReader} over the command's transport and token. */
export function pageReader(ctx: CommandContext, token: string): PageReader {
  return (filter) => callSuccess(ctx, "events", filter, token);
}

/** The newest `limit` matching events (before `filter.before`), and whether earlier ones exist. */
export interface LatestWindow {
  envelope: SuccessEnvelope<EventPage>;
  earlier: boolean;
}

/**
 * Finds the newest `limit` events matching `filter` with O(log seq) page reads instead of reading
 * the whole log: the number of matches after seq x only shrinks as x grows, so a binary search
 * finds the largest x with at least `limit` matches after it; the page after x is the window.
 */
export async function latestWindow(
  read: PageReader,
  filter: EventFilter,
  limit: number,
): Promise<LatestWindow> {
  const atLeastLimitAfter = async (after: number) =>
    (await read({ ...filter, after, limit })).result.events.length === limit;
  const start = filter.after ?? 0;
  if (!(await atLeastLimitAfter(start))) {
    return { envelope: await read({ ...filter, after: start, limit }), earlier: false };
  }
  let lo = start;
  let hi = filter.before === undefined ? start + MAX_PAGE : filter.before - 1;
  while (await atLeastLimitAfter(hi)) {
    lo = hi;
    hi = start + (hi - start) * 2;
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (await atLeastLimitAfter(mid)) lo = mid;
    else hi = mid;
  }
  const envelope = await read({ ...filter, after: lo, limit });
  const first = envelope.result.events[0]?.seq ?? lo + 1;
  const before = await read({ ...filter, after: start, before: first, limit: 1 });
  return { envelope, earlier: before.result.events.length > 0 };
}
