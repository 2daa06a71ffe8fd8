import type { JsonValue } from "./json.js";

/** The event types the kernel itself appends (DESIGN.md §2.5). */
export const KERNEL_EVENT_TYPES = [
  "principal.created",
  "scrip.minted",
  "scrip.transferred",
  "artifact.created",
  "artifact.updated",
  "artifact.deleted",
  "artifact.owner_changed",
  "artifact.upgraded",
  "artifact.read",
  "invoke.succeeded",
  "invoke.failed",
  "escrow.deposited",
  "escrow.purchased",
  "escrow.cancelled",
] as const;

/** Event types of DESIGN.md §2.5; contract events are `contract.<name>`. */
export type EventType = (typeof KERNEL_EVENT_TYPES)[number] | `contract.${string}`;

/** What an event type looks like on the wire (`artifact.created`, `contract.<name>`). */
export const EVENT_TYPE_PATTERN: RegExp = /^[a-z_]{1,32}\.[A-Za-z0-9_.:-]{1,128}$/;

/** Names a contract may emit (`ctx.emit(name, data)` → `contract.<name>`). */
export const CONTRACT_EVENT_NAME_PATTERN: RegExp = /^[A-Za-z0-9_.-]{1,64}$/;

/** One entry of the append-only, hash-chained event log. */
export interface KernelEvent {
  seq: number;
  time: number;
  tx: string;
  type: EventType;
  actor: string;
  target?: string;
  data: { [key: string]: JsonValue };
  hash: string;
}

/** The most events one page holds. */
export const MAX_EVENT_PAGE = 1000;

/** Filters of an event query; all given filters must match. */
export interface EventFilter {
  /** At most {@link MAX_EVENT_PAGE}; default 100. */
  limit?: number;
  /** Only events with `seq > after`. */
  after?: number;
  /** Only events with `seq < before`. */
  before?: number;
  types?: EventType[];
  /** Events where this id is the actor or a subject. */
  principal?: string;
  /** Events about this artifact. */
  artifact?: string;
}

/** A page of events; `next` is the `after` of the following page, or null at the end. */
export interface EventPage {
  events: KernelEvent[];
  next: number | null;
}

/**
 * The result of verifying the log: the number of events checked, or the first event whose
 * stored hash does not match the chain (or that is missing).
 */
export type VerifyResult = { ok: true; count: number } | { ok: false; seq: number; reason: string };
