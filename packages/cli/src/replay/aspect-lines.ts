import type {
  DivergenceAspect,
  EventSummary,
  JsonValue,
  OutcomeSummary,
  ScripMove,
} from "@ecology/protocol";

/** Longest value shown in a terminal line; `--json` has the rest. */
const MAX_VALUE_CHARS = 100;

/** A value as compact JSON, cut short for a terminal. */
export function brief(value: JsonValue | undefined): string {
  const text = value === undefined ? "(none)" : JSON.stringify(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

function outcomeText(s: OutcomeSummary): string {
  return s.success ? "success" : `failure ${s.error?.code}: ${s.error?.message}`;
}

function movesText(moves: ScripMove[]): string {
  if (moves.length === 0) return "no moves";
  return moves.map((m) => `${m.from ?? "mint"}→${m.to} ${m.amount}`).join(", ");
}

function ownershipText(s: OutcomeSummary): string {
  if (s.ownership.length === 0) return "no changes";
  return s.ownership.map((o) => `${o.artifact} ${o.from}→${o.to}`).join(", ");
}

/** `a → b` pairs of what differs in one aspect, each as [label, original, replayed]. */
export type Change = [label: string, original: string, replayed: string];

/** What differs between the two summaries in `aspect`, as labelled original → replayed pairs. */
export function aspectChanges(
  aspect: DivergenceAspect,
  a: OutcomeSummary,
  b: OutcomeSummary,
): Change[] {
  switch (aspect) {
    case "outcome":
      return [["outcome", outcomeText(a), outcomeText(b)]];
    case "result":
      return [["result", brief(a.result), brief(b.result)]];
    case "scrip":
      return [["scrip", movesText(a.scrip), movesText(b.scrip)]];
    case "ownership":
      return [["ownership", ownershipText(a), ownershipText(b)]];
    case "state":
      return stateChanges(a, b);
    case "events":
      return eventChanges(a.events, b.events);
  }
}

function stateChanges(a: OutcomeSummary, b: OutcomeSummary): Change[] {
  const ids = [...new Set([...Object.keys(a.states), ...Object.keys(b.states)])].sort();
  return ids
    .filter((id) => JSON.stringify(a.states[id]) !== JSON.stringify(b.states[id]))
    .map((id) => [`state ${id}`, brief(a.states[id]), brief(b.states[id])]);
}

/**
 * The events differ: when the types differ, both type lists; otherwise the first event whose
 * data, actor or target differs.
 */
function eventChanges(a: EventSummary[], b: EventSummary[]): Change[] {
  const types = (list: EventSummary[]) => list.map((e) => e.type).join(", ") || "none";
  if (types(a) !== types(b)) return [["events", types(a), types(b)]];
  const i = a.findIndex((e, k) => JSON.stringify(e) !== JSON.stringify(b[k]));
  const [x, y] = [a[i], b[i]];
  if (!x || !y) return [["events", `${a.length} events`, `${b.length} events`]];
  return [[`event ${i + 1} ${x.type}`, brief(eventJson(x)), brief(eventJson(y))]];
}

function eventJson(e: EventSummary): JsonValue {
  return { actor: e.actor, ...(e.target === undefined ? {} : { target: e.target }), data: e.data };
}
