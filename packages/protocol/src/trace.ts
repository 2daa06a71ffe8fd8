import type { EnvelopeError } from "./envelope.js";
import type { KernelEvent } from "./events.js";
import type { JournalOp, OwnerChange, ScripMove } from "./journal.js";
import type { JsonObject, JsonValue } from "./json.js";

/** What a trace shows in place of a value its reader may not see (`allowRead` protects it). */
export const REDACTED = "[redacted: allowRead]";

/** How a frame was entered. */
export type TraceFrameKind = "method" | "view" | "genesis";

/** A contract state before and after a frame (or an operation) changed it. */
export interface StateChange {
  artifact: string;
  before: JsonValue;
  after: JsonValue;
}

/**
 * One call in a transaction's invoke tree (DESIGN.md §12): who called what with which
 * arguments, what it cost, what it returned or how it failed, the state it changed, the events
 * it appended and the calls it made. `rolledBack` frames (failed, or inside a failed frame) left
 * nothing behind but `invoke.failed` records.
 */
export interface TraceFrame {
  caller: string;
  target: string;
  method: string;
  kind: TraceFrameKind;
  depth: number;
  args: JsonValue[] | typeof REDACTED;
  value: number;
  price: number;
  compute: number;
  success: boolean;
  result?: JsonValue;
  /** The failure, with its invoke path and (for contract code) its TypeScript position. */
  error?: EnvelopeError;
  rolledBack: boolean;
  states: StateChange[];
  /** The events this frame appended itself, including rolled-back ones (without seq/hash). */
  events: { type: string; actor: string; target?: string; data: JsonObject }[];
  calls: TraceFrame[];
}

/**
 * Everything about one transaction: the operation, a one-line summary in plain words, the
 * invoke tree, scrip flows, ownership changes, state changes and the committed events.
 * Obtained by re-executing the journal (ADR 0037); `faithful` is false if that re-execution did
 * not reproduce the recorded hashes.
 */
export interface Trace {
  tx: string;
  /** The journal seq of the transaction. */
  seq: number;
  time: number;
  origin: string;
  op: JournalOp;
  /** The operation's inputs (operator), or with protected values redacted. */
  params: JsonObject;
  success: boolean;
  error?: EnvelopeError;
  /** e.g. "bob bought report from alice through genesis_escrow for 30 scrip". */
  summary: string;
  /** The top-level calls: one for an invoke, the calls an init or migrate made otherwise. */
  calls: TraceFrame[];
  scrip: ScripMove[];
  ownership: OwnerChange[];
  states: StateChange[];
  events: KernelEvent[];
  faithful: boolean;
}
