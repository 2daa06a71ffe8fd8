import type { Storage } from "../storage/storage.js";
import type {
  Envelope,
  EventSummary,
  JsonValue,
  KernelEvent,
  OutcomeSummary,
  OwnerChange,
  ScripMove,
} from "../types.js";

/** Scrip moved by a transaction's events: transfers and mints, in order. */
export function scripMoves(events: readonly KernelEvent[]): ScripMove[] {
  const moves: ScripMove[] = [];
  for (const e of events) {
    const d = e.data;
    if (e.type === "scrip.transferred")
      moves.push({ from: String(d.from), to: String(d.to), amount: Number(d.amount) });
    else if (e.type === "scrip.minted")
      moves.push({ from: null, to: String(d.to), amount: Number(d.amount) });
  }
  return moves;
}

/** Artifacts a transaction's events gave to a new owner, in order. */
export function ownerChanges(events: readonly KernelEvent[]): OwnerChange[] {
  return events
    .filter((e) => e.type === "artifact.owner_changed" && e.target !== undefined)
    .map((e) => ({
      artifact: e.target as string,
      from: String(e.data.from),
      to: String(e.data.to),
    }));
}

/**
 * An event without what differs whenever anything before it differs (seq, time, tx, hash), and
 * without the compute a frame used: any change of code changes it, and it moves no scrip.
 */
export function eventSummary(e: KernelEvent): EventSummary {
  let data = e.data;
  if (e.type === "invoke.succeeded" && "compute" in data) {
    const { compute: _compute, ...rest } = data;
    data = rest;
  }
  const s: EventSummary = { type: e.type, actor: e.actor, data };
  if (e.target !== undefined) s.target = e.target;
  return s;
}

/**
 * The contracts whose state a transaction may have written: every artifact its events say was
 * created, upgraded or successfully invoked (a failed frame's state writes roll back with it).
 */
export function touchedContracts(events: readonly KernelEvent[]): string[] {
  const ids = new Set<string>();
  for (const e of events) {
    if (e.target === undefined) continue;
    if (e.type === "invoke.succeeded" || e.type === "artifact.upgraded") ids.add(e.target);
    else if (e.type === "artifact.created" && e.data.kind === "contract") ids.add(e.target);
  }
  return [...ids];
}

/** The stored state of contract `id`, as JSON (null when it has none). */
export function stateOf(storage: Storage, id: string): JsonValue {
  const state = storage.getArtifact(id)?.state;
  return state === null || state === undefined ? null : (JSON.parse(state) as JsonValue);
}

/**
 * What one execution of a transaction did, in the terms a divergence is reported in. `ids` are
 * the contracts whose states are compared (touched by either execution).
 */
export function summarize(
  env: Envelope,
  events: readonly KernelEvent[],
  storage: Storage,
  ids: readonly string[],
): OutcomeSummary {
  const states: { [id: string]: JsonValue } = {};
  for (const id of ids) states[id] = stateOf(storage, id);
  const summary: OutcomeSummary = {
    success: env.success,
    scrip: scripMoves(events),
    ownership: ownerChanges(events),
    states,
    events: events.map(eventSummary),
  };
  if (env.success) summary.result = env.result;
  else summary.error = { code: env.error.code, message: env.error.message };
  return summary;
}
