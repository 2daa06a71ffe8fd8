import type { EventFilter, EventPage, JsonValue } from "@ecology/kernel";
import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import type { Dispatcher } from "./dispatcher.js";
import { EVENT_FILTER_SCHEMA } from "./rpc-methods.js";

/** How long a stream waits for a wake-up before polling anyway (other processes may write). */
const POLL_MS = 2_000;
const PAGE = 500;

/**
 * Parses the filters of `GET /events`: `types=a,b`, `principal`, `artifact`, and the resume
 * point from `Last-Event-ID` or `?after=seq` (whichever is later).
 */
export function parseStreamFilter(
  query: (name: string) => string | undefined,
  lastEventId: string | undefined,
): { ok: true; filter: EventFilter } | { ok: false; message: string } {
  const after = Math.max(toSeq(query("after")), toSeq(lastEventId));
  const raw: Record<string, unknown> = {};
  const types = query("types") ?? query("type");
  if (types) raw.types = types.split(",").filter((t) => t.length > 0);
  if (query("principal")) raw.principal = query("principal");
  if (query("artifact")) raw.artifact = query("artifact");
  if (after > 0) raw.after = after;
  if (Number.isNaN(after))
    return { ok: false, message: "after / Last-Event-ID must be a sequence" };
  const parsed = EVENT_FILTER_SCHEMA.safeParse(raw);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "invalid" };
  return { ok: true, filter: parsed.data };
}

function toSeq(text: string | undefined): number {
  if (text === undefined || text === "") return 0;
  return /^\d{1,15}$/.test(text) ? Number(text) : Number.NaN;
}

/** One page of matching events; a refused query ends the stream (filters were validated). */
async function readPage(dispatcher: Dispatcher, filter: EventFilter): Promise<EventPage> {
  const envelope = await dispatcher.kernel.events({ ...(filter as JsonObject), limit: PAGE });
  return envelope.success ? envelope.result : { events: [], next: null };
}

type JsonObject = { [key: string]: JsonValue };

/**
 * Streams the events matching `filter` as Server-Sent Events (`id:` = seq, `data:` = the event
 * JSON): first the backlog after the resume point, then live events as they commit. Reads go
 * through the dispatcher's queue so a stream never sees half of a transaction.
 */
export function streamEvents(c: Context, dispatcher: Dispatcher, filter: EventFilter): Response {
  return streamSSE(c, async (stream) => {
    let closed = false;
    stream.onAbort(() => {
      closed = true;
      dispatcher.hub.notify();
    });
    let after = filter.after ?? 0;
    await stream.write(": connected\n\n");
    while (!closed) {
      const page = await dispatcher.queue.run(() => readPage(dispatcher, { ...filter, after }));
      for (const event of page.events) {
        await stream.writeSSE({ id: String(event.seq), data: JSON.stringify(event) });
        after = event.seq;
      }
      if (page.next !== null) {
        after = Math.max(after, page.next);
        continue;
      }
      await dispatcher.hub.next(POLL_MS);
      if (!closed) await stream.write(": ping\n\n");
    }
  });
}
