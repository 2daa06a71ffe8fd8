import type { DivergenceAspect, JsonValue, OutcomeSummary } from "../types.js";

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
 */
export function divergedAspects(a: OutcomeSummary, b: OutcomeSummary): DivergenceAspect[] {
  const out: DivergenceAspect[] = [];
  if (a.success !== b.success) out.push("outcome");
  else if (a.success ? !sameJson(a.result, b.result) : a.error?.code !== b.error?.code)
    out.push("result");
  const j = (v: unknown) => v as JsonValue;
  if (!sameJson(j(a.scrip), j(b.scrip))) out.push("scrip");
  if (!sameJson(j(a.ownership), j(b.ownership))) out.push("ownership");
  if (!sameJson(a.states, b.states)) out.push("state");
  if (!sameJson(j(a.events), j(b.events))) out.push("events");
  return out;
}
