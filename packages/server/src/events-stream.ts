import {
  type Envelope,
  type EventFilter,
  type EventPage,
  type JsonObject,
  RPC_ERRORS,
  type RpcError,
  rpcFailure,
  SCHEMAS,
  validate,
} from "@ecology/protocol";
import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import type { Dispatcher } from "./dispatcher.js";
import type { EventTail, TailEvent } from "./event-tail.js";

/**
 * How long a stream waits for new events before it writes a keep-alive comment, and how often
 * the tail reads the log without a wake-up (another process, an embedded CLI, may write it).
 */
export const STREAM_POLL_MS = 2_000;
const PAGE = 500;

/**
 * Parses the filters of `GET /events`: `types=a,b`, `principal`, `artifact`, and the resume
 * point from `Last-Event-ID` or `?after=seq` (whichever is later). The filter schema is the
 * `events` method's, so a stream and a page accept the same filters.
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
  const checked = validate(SCHEMAS.EVENT_FILTER, raw, { path: "filter" });
  if (!checked.ok) return { ok: false, message: checked.message };
  return { ok: true, filter: checked.value };
}

function toSeq(text: string | undefined): number {
  if (text === undefined || text === "") return 0;
  return /^\d{1,15}$/.test(text) ? Number(text) : Number.NaN;
}

/** The stream's dependencies: the dispatcher (queue and kernel) and the shared tail. */
export interface StreamDeps {
  dispatcher: Dispatcher;
  tail: EventTail;
  /**
   * Whether the token that opened the stream is still good (a grant may be revoked or expire,
   * a principal's token may be replaced). Asked before every write, so nothing committed after
   * a revocation reaches the stream.
   */
  stillAuthorised: () => Promise<boolean>;
  /**
   * Aborted when the server closes: the stream ends at its next step and reads the kernel no
   * more, so the server can wait for it (through `onEnd`) before its owner closes the kernel.
   */
  shutdown?: AbortSignal;
}

/**
 * Whether `e` may match `filter` — a superset of the kernel's matching: the kernel relates an
 * event to its actor, target and top-level data strings, which all appear quoted in its JSON.
 * Only a "may" makes the stream read the log, whose answer is authoritative.
 */
function mayMatch(filter: EventFilter, e: TailEvent): boolean {
  if (filter.types && filter.types.length > 0 && !filter.types.includes(e.event.type)) return false;
  for (const id of [filter.principal, filter.artifact]) {
    if (id !== undefined && !e.text.includes(JSON.stringify(id))) return false;
  }
  return true;
}

const unfiltered = (filter: EventFilter) =>
  !filter.types?.length && filter.principal === undefined && filter.artifact === undefined;

/**
 * Streams the events matching `filter` as Server-Sent Events (`id:` = seq, `data:` = the event
 * JSON): first the backlog after the resume point, then live events as they commit. New events
 * come from the shared {@link EventTail}; an unfiltered stream writes them as they are, a
 * filtered one is woken only by events that may match, and then reads the log (through the
 * dispatcher's queue, so never half a transaction). A read the kernel refuses ends the stream
 * with an `event: error` message whose data is the {@link RpcError}: skipping what could not be
 * read would make the stream silently incomplete. The stream ends when the client leaves or
 * `deps.shutdown` aborts; `onEnd` runs once after its last step, when it no longer uses the
 * kernel. A step that fails after the end (the kernel closing under it) is not reported: nobody
 * reads the stream any more.
 */
export function streamEvents(
  c: Context,
  deps: StreamDeps,
  filter: EventFilter,
  onEnd: () => void,
): Response {
  const { dispatcher, tail } = deps;
  return streamSSE(c, async (stream) => {
    const subscription = tail.subscribe(
      unfiltered(filter) ? undefined : (e) => mayMatch(filter, e),
    );
    let closed = false;
    const end = () => {
      if (closed) return;
      closed = true;
      subscription.close(); // wakes a pending take, so the loop below sees `closed` at once
    };
    stream.onAbort(end);
    if (deps.shutdown?.aborted) end();
    deps.shutdown?.addEventListener("abort", end);
    /** Every event up to `scanned` has been written or does not match. */
    let scanned = filter.after ?? 0;
    // One socket write per batch: with many streams, a write per event per stream was the cost.
    const write = async (events: readonly { seq: number; text: string }[]) => {
      const last = events.at(-1);
      if (last === undefined) return;
      await stream.write(events.map((e) => `id: ${e.seq}\ndata: ${e.text}\n\n`).join(""));
      scanned = last.seq;
    };
    /** Writes what matches up to the tail's head; false once a read was refused (stream over). */
    const catchUp = async (): Promise<boolean> => {
      for (;;) {
        // The token is checked in the same queue turn as the read: no commit slips between.
        const { envelope, head, authorised } = await dispatcher.queue.run(async () => ({
          authorised: await deps.stillAuthorised(),
          envelope: await readPage(dispatcher, { ...filter, after: scanned }),
          head: tail.head,
        }));
        if (!authorised) {
          await stream.write(`event: error\ndata: ${JSON.stringify(revoked())}\n\n`);
          return false;
        }
        if (!envelope.success) {
          await stream.write(`event: error\ndata: ${JSON.stringify(refusal(envelope))}\n\n`);
          return false;
        }
        const page = envelope.result;
        await write(page.events.map((e) => ({ seq: e.seq, text: JSON.stringify(e) })));
        if (page.next === null) {
          // The read saw the log at least up to the tail's head: nothing before it is missing.
          scanned = Math.max(scanned, head);
          return true;
        }
        scanned = Math.max(scanned, page.next);
      }
    };
    try {
      await stream.write(": connected\n\n");
      let behind = true;
      /** Ends the stream when its token no longer authenticates; true when it did. */
      const endIfRevoked = async (): Promise<boolean> => {
        if (await deps.stillAuthorised()) return false;
        await stream.write(`event: error\ndata: ${JSON.stringify(revoked())}\n\n`);
        return true;
      };
      while (!closed) {
        if (await endIfRevoked()) return;
        if (behind) {
          if (!(await catchUp())) return;
          behind = false;
          continue;
        }
        const delivery = await subscription.take(STREAM_POLL_MS);
        // Woken by the end: the kernel may be closing now, so ask it nothing more.
        if (closed || (await endIfRevoked())) return;
        const fresh = delivery.events.filter((e) => e.event.seq > scanned);
        if (delivery.overflowed) behind = true;
        else if (!unfiltered(filter)) behind = fresh.length > 0;
        else await write(fresh.map((e) => ({ seq: e.event.seq, text: e.text })));
        if (delivery.events.length === 0 && !delivery.overflowed && !closed) {
          await stream.write(": ping\n\n");
        }
      }
    } catch (error) {
      // After the end nobody reads the stream: a step that was under way when the client left
      // or the server closed has no one to report a failure to. A failure before the end still
      // reaches hono, which logs it.
      if (!closed) throw error;
    } finally {
      end();
      deps.shutdown?.removeEventListener("abort", end);
      onEnd();
    }
  });
}

/** The error a stream ends with when its token no longer authenticates. */
function revoked(): RpcError {
  const message = "event stream ended: the token was revoked, expired or replaced";
  const hint = "open the stream again with a valid token";
  return rpcFailure(RPC_ERRORS.unauthorized, "not_authorized", message, hint).error;
}

/** One page of matching events, as the kernel answers it. */
async function readPage(dispatcher: Dispatcher, filter: EventFilter): Promise<Envelope<EventPage>> {
  return dispatcher.kernel.events({ ...(filter as JsonObject), limit: PAGE });
}

/** The error an ended stream reports for a refused read: the kernel's code and message. */
function refusal(envelope: Extract<Envelope<EventPage>, { success: false }>): RpcError {
  const { code, message } = envelope.error;
  const hint = "the kernel refused to read the log; follow again with ?after=<last seq received>";
  const rpcCode = code === "internal" ? RPC_ERRORS.internal : RPC_ERRORS.invalidParams;
  return rpcFailure(rpcCode, code, `event stream ended: ${message}`, hint).error;
}
