import type { JsonObject, JsonValue } from "./json.js";

/**
 * The top-level operations the journal records (DESIGN.md §9), by the kernel method that
 * performs them. Views (balance, events, query…) change nothing and are not journaled.
 */
export const JOURNAL_OPS = [
  "createPrincipal",
  "mint",
  "deploy",
  "write",
  "read",
  "delete",
  "setPolicy",
  "transferOwnership",
  "invoke",
  "upgrade",
  "createGrant",
  "revokeGrant",
] as const;

/** One of {@link JOURNAL_OPS}. */
export type JournalOp = (typeof JOURNAL_OPS)[number];

/**
 * What an operation produced, as hashes a re-execution must reproduce: the envelope it
 * answered, the event-log head after it, and the states it wrote.
 */
export interface JournalOutcome {
  success: boolean;
  /** sha256 of the envelope's canonical JSON. */
  envelope: string;
  /** Hash of the last event of the log after the operation (the chain head). */
  eventHead: string;
  /** How many events the operation appended. */
  events: number;
  /** sha256 over the ids and state texts of the contracts whose state it wrote. */
  states: string;
}

/**
 * One journal record: an operation's exact inputs and the hashes of what it produced, chained
 * by hash like the event log. Operator-only: `params` hold arguments and content that the
 * public log never shows.
 */
export interface JournalRecord {
  /** Position in the journal, from 1; the transaction id is `tx<seq>`. */
  seq: number;
  tx: string;
  /** Kernel time of the operation (ms). */
  time: number;
  /** Who performed it: a principal id, or `operator`. */
  origin: string;
  op: JournalOp;
  /** The operation's inputs, exactly as given (see the kernel method of the same name). */
  params: JsonObject;
  outcome: JournalOutcome;
  /** sha256 over the previous record's hash and this record. */
  hash: string;
}

/** A page of the journal; `next` is the `after` of the following page, or null at the end. */
export interface JournalPage {
  records: JournalRecord[];
  next: number | null;
}

/** An aspect in which a replayed transaction differs from the original. */
export type DivergenceAspect = "outcome" | "result" | "scrip" | "ownership" | "state" | "events";

/** All divergence aspects, in report order. */
export const DIVERGENCE_ASPECTS: readonly DivergenceAspect[] = [
  "outcome",
  "result",
  "scrip",
  "ownership",
  "state",
  "events",
];

/** Scrip that moved from one wallet to another (or was minted: `from` is null). */
export interface ScripMove {
  from: string | null;
  to: string;
  amount: number;
}

/** An artifact that changed owner. */
export interface OwnerChange {
  artifact: string;
  from: string;
  to: string;
}

/** An event, without its seq, time, tx and hash (which differ whenever anything else does). */
export interface EventSummary {
  type: string;
  actor: string;
  target?: string;
  data: JsonObject;
}

/** What one execution of a transaction did, in the terms a divergence is reported in. */
export interface OutcomeSummary {
  success: boolean;
  result?: JsonValue;
  error?: { code: string; message: string };
  scrip: ScripMove[];
  ownership: OwnerChange[];
  /** The state after the transaction of every contract whose state it (or the other run) wrote. */
  states: { [artifact: string]: JsonValue };
  events: EventSummary[];
}

/** A transaction whose replay differs from the original. */
export interface TxDivergence {
  seq: number;
  tx: string;
  op: JournalOp;
  origin: string;
  /** For an invoke: `target.method`. */
  call?: string;
  aspects: DivergenceAspect[];
  original: OutcomeSummary;
  replayed: OutcomeSummary;
}

/** One difference between the final states of the original and the replayed economy. */
export interface FinalDifference {
  kind: "balance" | "owner" | "state" | "content" | "listing" | "artifact";
  id: string;
  original: JsonValue;
  replayed: JsonValue;
}

/** A record whose re-execution did not reproduce its recorded hashes (without overrides). */
export interface DeterminismBreak {
  seq: number;
  tx: string;
  /** Which recorded hash differed. */
  what: "envelope" | "events" | "states" | "chain";
}

/**
 * What `replay` reports (DESIGN.md §9): with no code overrides, whether every recorded hash
 * was reproduced; with overrides, each transaction that diverged and the final state diff.
 */
export interface ReplayReport {
  /** Records re-executed; those in `[from, to]` are compared. */
  replayed: number;
  from: number;
  to: number;
  /** The artifacts whose code was overridden. */
  overrides: string[];
  /** True when nothing diverged and every recorded hash was reproduced. */
  identical: boolean;
  /** Recorded hashes not reproduced by the original code (empty when deterministic). */
  determinism: DeterminismBreak[];
  /** Transactions in `[from, to]` that diverged, in order. */
  divergences: TxDivergence[];
  /** How many transactions diverged in each aspect. */
  counts: { [aspect in DivergenceAspect]: number };
  /** Differences between the final states. */
  final: FinalDifference[];
}
