import type {
  DivergenceAspect,
  EventSummary,
  JournalOp,
  JsonValue,
  OutcomeSummary,
} from "../types.js";

/** Whether two JSON values are equal (objects compared by keys, not key order). */
export function sameJson(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  const ao = a as { [key: string]: JsonValue };
  const bo = b as { [key: string]: JsonValue };
  const keys = Object.keys(ao);
  if (keys.length !== Object.keys(bo).length) return false;
  return keys.every((k) => Object.hasOwn(bo, k) && sameJson(ao[k], bo[k]));
}

/**
 * The aspects in which a replayed transaction differs from the original, in report order:
 * success ↔ failure, result (or error code), scrip moves, ownership, contract states, events.
 * What differs only because the code does — code hashes, metered compute — is left out of the
 * comparison (DESIGN.md §9: "its code hash alone is not a divergence"); the summaries keep it.
 */
export function divergedAspects(
  a: OutcomeSummary,
  b: OutcomeSummary,
  op: JournalOp,
): DivergenceAspect[] {
  const out: DivergenceAspect[] = [];
  if (a.success !== b.success) out.push("outcome");
  else if (
    a.success
      ? !sameJson(comparableResult(op, a), comparableResult(op, b))
      : a.error?.code !== b.error?.code
  )
    out.push("result");
  const j = (v: unknown) => v as JsonValue;
  if (!sameJson(j(a.scrip), j(b.scrip))) out.push("scrip");
  if (!sameJson(j(a.ownership), j(b.ownership))) out.push("ownership");
  if (!sameJson(a.states, b.states)) out.push("state");
  if (!sameJson(comparableEvents(a.events), comparableEvents(b.events))) out.push("events");
  return out;
}

/** Keys of deploy / upgrade results and of kernel events that follow from the code itself. */
const CODE_DEPENDENT: { [source: string]: readonly string[] } = {
  deploy: ["codeHash"],
  upgrade: ["fromCodeHash", "toCodeHash"],
  "artifact.created": ["codeHash"],
  "artifact.upgraded": ["fromCodeHash", "toCodeHash"],
  "invoke.succeeded": ["compute"],
};

function without(value: JsonValue | undefined, keys: readonly string[] = []): JsonValue {
  if (value === undefined) return null;
  if (keys.length === 0 || typeof value !== "object" || value === null || Array.isArray(value))
    return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !keys.includes(k)));
}

function comparableResult(op: JournalOp, s: OutcomeSummary): JsonValue {
  return without(s.result, CODE_DEPENDENT[op]);
}

function comparableEvents(events: EventSummary[]): JsonValue {
  return events.map((e) => ({ ...e, data: without(e.data, CODE_DEPENDENT[e.type]) }));
}
