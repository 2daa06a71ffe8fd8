import { GENESIS_HASH } from "./event-log.js";
import { sha256 } from "./hash.js";
import { refuse } from "./refusal.js";
import type { JournalRow, Storage } from "./storage/storage.js";
import type { Tx } from "./tx.js";
import type {
  Envelope,
  JournalOp,
  JournalOutcome,
  JournalPage,
  JournalRecord,
  JsonObject,
} from "./types.js";

/** The most records one journal page holds. */
export const MAX_JOURNAL_PAGE = 1000;

/** What an operation produced, as its journal outcome hashes it. */
export function outcomeOf(storage: Storage, tx: Tx, env: Envelope): JournalOutcome {
  // The events are covered by the chain head; the envelope hash covers what else it answered.
  const answer = env.success ? [true, env.result, env.cost] : [false, env.error];
  return {
    success: env.success,
    envelope: sha256(JSON.stringify(answer)),
    eventHead: storage.lastEvent()?.hash ?? GENESIS_HASH,
    events: tx.events.length,
    states: statesHash(storage, tx),
  };
}

function statesHash(storage: Storage, tx: Tx): string {
  if (tx.statesWritten.size === 0) return "";
  const ids = [...tx.statesWritten].sort();
  return sha256(ids.map((id) => `${id}\n${storage.getArtifact(id)?.state ?? "null"}`).join("\n"));
}

/** The chained hash of a journal record, over the previous hash and the stored columns. */
export function journalHash(prev: string, r: Omit<JournalRow, "hash">): string {
  const header = JSON.stringify([r.seq, r.tx, r.time, r.origin, r.op]);
  return sha256(`${prev}\n${header}\n${r.params}\n${r.outcome}`);
}

/**
 * Appends the journal record of `tx`'s operation in its storage transaction, chained to the
 * head. `paramsText` is the JSON text of the operation's inputs.
 */
export function appendJournal(
  storage: Storage,
  tx: Tx,
  op: JournalOp,
  paramsText: string,
  outcome: JournalOutcome,
): void {
  const last = storage.lastJournal();
  // One object, hashed before its hash is filled in: no copy of the row per operation.
  const row: JournalRow = {
    seq: (last?.seq ?? 0) + 1,
    tx: tx.id,
    time: tx.now,
    origin: tx.origin,
    op,
    params: paramsText,
    outcome: JSON.stringify(outcome),
    hash: "",
  };
  row.hash = journalHash(last?.hash ?? GENESIS_HASH, row);
  storage.insertJournal(row);
}

/** A stored row as the public record. */
export function toRecord(r: JournalRow): JournalRecord {
  return {
    seq: r.seq,
    tx: r.tx,
    time: r.time,
    origin: r.origin,
    op: r.op as JournalOp,
    params: JSON.parse(r.params) as JsonObject,
    outcome: JSON.parse(r.outcome) as JournalOutcome,
    hash: r.hash,
  };
}

/** A record as it is stored (the inverse of {@link toRecord}, for checking a chain). */
export function toRow(r: JournalRecord): JournalRow {
  return {
    seq: r.seq,
    tx: r.tx,
    time: r.time,
    origin: r.origin,
    op: r.op,
    params: JSON.stringify(r.params),
    outcome: JSON.stringify(r.outcome),
    hash: r.hash,
  };
}

/** One page of the journal; refuses (`invalid_argument`) bad bounds. */
export function readJournal(storage: Storage, after = 0, limit = 100): JournalPage {
  if (!Number.isSafeInteger(after) || after < 0)
    refuse("invalid_argument", "after must be a non-negative integer seq");
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_JOURNAL_PAGE)
    refuse("invalid_argument", `limit must be an integer from 1 to ${MAX_JOURNAL_PAGE}`);
  const rows = storage.readJournal(after, limit + 1);
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return {
    records: page.map(toRecord),
    next: more ? (page[page.length - 1]?.seq ?? null) : null,
  };
}

/**
 * Where a sequence of records stops being one unbroken chain from the start: the seq of the
 * first record that is out of order or does not match its hash, or undefined when it holds.
 */
export function chainBreak(records: Iterable<JournalRecord>): number | undefined {
  let prev = GENESIS_HASH;
  let expected = 1;
  for (const r of records) {
    if (r.seq !== expected) return expected;
    const { hash, ...rest } = toRow(r);
    if (journalHash(prev, rest) !== hash) return r.seq;
    prev = hash;
    expected++;
  }
  return undefined;
}
