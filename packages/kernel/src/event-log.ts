import { sha256 } from "./hash.js";
import { refuse } from "./refusal.js";
import type { EventQuery, EventRow, Storage } from "./storage/storage.js";
import { ROLE_ACTOR, ROLE_SUBJECT } from "./storage/storage.js";
import type { Tx } from "./tx.js";
import type { EventFilter, EventPage, EventType, JsonValue, KernelEvent } from "./types.js";
import { isValidId } from "./validate.js";

/** The hash before the first event. */
export const GENESIS_HASH = "0".repeat(64);

/** What a caller supplies to append an event; seq, time, tx and hash are the log's. */
export interface NewEvent {
  type: EventType;
  actor: string;
  target?: string;
  data: { [key: string]: JsonValue };
}

/** The chained hash of an event: sha256 over the previous hash and the stored columns. */
export function eventHash(prev: string, e: Omit<EventRow, "hash">): string {
  // The header is JSON (no raw newlines), so header and data text split unambiguously; the
  // data text is hashed as stored rather than escaped again inside the header.
  const header = JSON.stringify([e.seq, e.time, e.tx, e.type, e.actor, e.target]);
  return sha256(`${prev}\n${header}\n${e.data}`);
}

/** Turns a stored row into the public event shape. */
export function toEvent(r: EventRow): KernelEvent {
  const e: KernelEvent = {
    seq: r.seq,
    time: r.time,
    tx: r.tx,
    type: r.type as EventType,
    actor: r.actor,
    data: JSON.parse(r.data) as KernelEvent["data"],
    hash: r.hash,
  };
  if (r.target !== null) e.target = r.target;
  return e;
}

/**
 * Writes an event to the log inside the current storage transaction, chained to the head.
 * Only {@link Tx.append} calls it: the transaction keeps the events it appended.
 */
export function writeEvent(
  storage: Storage,
  tx: { readonly id: string; readonly now: number },
  ev: NewEvent,
): KernelEvent {
  const last = storage.lastEvent();
  // One object, hashed before its hash is filled in: no copy of the row per event.
  const row: EventRow = {
    seq: (last?.seq ?? 0) + 1,
    time: tx.now,
    tx: tx.id,
    type: ev.type,
    actor: ev.actor,
    target: ev.target ?? null,
    data: JSON.stringify(ev.data),
    hash: "",
  };
  row.hash = eventHash(last?.hash ?? GENESIS_HASH, row);
  storage.insertEvent(row, subjectsOf(ev));
  // Built from the caller's data rather than re-parsed: the same JSON, without the round-trip.
  const event: KernelEvent = {
    seq: row.seq,
    time: row.time,
    tx: row.tx,
    type: ev.type,
    actor: ev.actor,
    data: ev.data,
    hash: row.hash,
  };
  if (ev.target !== undefined) event.target = ev.target;
  return event;
}

/** Fields of kernel events whose values are never ids (method names, codes, statuses). */
const NOT_IDS = new Set(["method", "code", "message", "reason", "kind", "status", "codeHash"]);

/**
 * The ids an event relates to, for the indexed `principal` / `artifact` filters: its actor
 * (role actor), its target and every top-level string value of its data that is a well-formed
 * id (role subject) — so `from`, `to`, `seller`, `buyer`, and the ids a contract puts in its own
 * events (`ctx.emit("rated", { agent: "bob" })`) are all findable. The kernel's own
 * non-id fields (`method`, `code`, `reason`, ...) are skipped: they only look like ids.
 */
function subjectsOf(ev: NewEvent): Map<string, number> {
  const kernelEvent = !ev.type.startsWith("contract.");
  const subjects = new Map<string, number>([[ev.actor, ROLE_ACTOR]]);
  const add = (id: string) => subjects.set(id, (subjects.get(id) ?? 0) | ROLE_SUBJECT);
  if (ev.target !== undefined) add(ev.target);
  for (const [key, v] of Object.entries(ev.data)) {
    if (typeof v === "string" && !(kernelEvent && NOT_IDS.has(key)) && isValidId(v)) add(v);
  }
  return subjects;
}

/**
 * The result of `kernel.verifyLog()`: the number of events checked, or the first event whose
 * stored hash does not match the chain (or that is missing).
 *
 * @example
 * ```ts
 * const v = kernel.verifyLog();
 * if (!v.ok) console.error(`log tampered at ${v.seq}: ${v.reason}`);
 * ```
 */
export type VerifyResult = { ok: true; count: number } | { ok: false; seq: number; reason: string };

/** Walks the whole log, recomputing the chain; reports the first event that does not match. */
export function verifyEvents(storage: Storage): VerifyResult {
  let prev = GENESIS_HASH;
  let expected = 1;
  for (const row of storage.iterateEvents()) {
    if (row.seq !== expected) {
      return {
        ok: false,
        seq: expected,
        reason: `event ${expected} is missing (next stored is ${row.seq})`,
      };
    }
    if (eventHash(prev, row) !== row.hash) {
      return { ok: false, seq: row.seq, reason: `event ${row.seq} does not match its hash` };
    }
    prev = row.hash;
    expected++;
  }
  return { ok: true, count: expected - 1 };
}

const MAX_PAGE = 1000;

/** Validates event filters into a storage query; refuses (invalid_argument) bad filters. */
export function normalizeEventFilter(input: unknown, withLimit = true): EventQuery {
  if (input === null || input === undefined) input = {};
  if (typeof input !== "object" || Array.isArray(input))
    refuse("invalid_argument", "event filters must be an object");
  const f = input as EventFilter & { [key: string]: unknown };
  const known = new Set(["limit", "after", "before", "types", "principal", "artifact"]);
  const extra = Object.keys(f).filter((k) => !known.has(k));
  if (extra.length > 0) {
    refuse(
      "invalid_argument",
      `unknown event filter ${extra.join(", ")}; use limit, after, before, types, principal, artifact`,
    );
  }
  const limit = f.limit ?? 100;
  if (withLimit && (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE)) {
    refuse("invalid_argument", `limit must be an integer from 1 to ${MAX_PAGE}`);
  }
  for (const k of ["after", "before"] as const) {
    const v = f[k];
    if (v !== undefined && !(Number.isSafeInteger(v) && v >= 0))
      refuse("invalid_argument", `${k} must be a non-negative integer seq`);
  }
  if (
    f.types !== undefined &&
    !(Array.isArray(f.types) && f.types.every((t) => typeof t === "string" && t.length <= 128))
  ) {
    refuse("invalid_argument", "types must be an array of event type names");
  }
  for (const k of ["principal", "artifact"] as const) {
    if (f[k] !== undefined && !isValidId(f[k]))
      refuse("invalid_argument", `${k} must be a valid id`);
  }
  const byArtifact = f.artifact === undefined ? null : { id: f.artifact, roles: ROLE_SUBJECT };
  const byPrincipal =
    f.principal === undefined ? null : { id: f.principal, roles: ROLE_ACTOR | ROLE_SUBJECT };
  return {
    after: f.after ?? 0,
    before: f.before ?? Number.MAX_SAFE_INTEGER,
    types: f.types && f.types.length > 0 ? [...new Set(f.types)] : null,
    subject: byPrincipal ?? byArtifact,
    also: byPrincipal ? byArtifact : null,
    limit,
  };
}

/** Reads one page of events; `next` is the `after` of the following page or null at the end. */
export function readEvents(storage: Storage, filter: unknown): EventPage {
  const q = normalizeEventFilter(filter);
  const rows = storage.queryEvents({ ...q, limit: q.limit + 1 });
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;
  return { events: page.map(toEvent), next: more ? (page[page.length - 1]?.seq ?? null) : null };
}

/** Counts the events matching the filters (limit is ignored). */
export function countEvents(storage: Storage, filter: unknown): number {
  const { limit: _limit, ...q } = normalizeEventFilter(filter, false);
  return storage.countEvents(q);
}
