import type { Storage } from "../storage/storage.js";
import type { FinalDifference, JsonValue } from "../types.js";
import { sameJson } from "./compare.js";

const ALL = 1_000_000_000;

/** What the final-state diff compares of an economy, keyed by `kind:id`. */
function facts(storage: Storage): Map<string, JsonValue> {
  const out = new Map<string, JsonValue>();
  for (const [id, amount] of storage.allBalances()) out.set(`balance:${id}`, amount);
  for (const row of storage.queryArtifacts({
    nameContains: null,
    owner: null,
    kind: null,
    limit: ALL,
    offset: 0,
  })) {
    if (row.kind === "genesis") continue;
    out.set(`artifact:${row.id}`, row.deleted ? "deleted" : row.kind);
    out.set(`owner:${row.id}`, row.owner);
    if (row.state !== null) out.set(`state:${row.id}`, JSON.parse(row.state) as JsonValue);
    if (row.content !== null) out.set(`content:${row.id}`, JSON.parse(row.content) as JsonValue);
  }
  for (const l of storage.queryListings({ status: null, seller: null, limit: ALL, offset: 0 }))
    out.set(`listing:${l.artifactId}`, { ...l } as unknown as JsonValue);
  return out;
}

/**
 * Every difference between two economies' final states: balances, artifacts (existence,
 * owner, contract state, data content) and escrow listings, sorted by kind then id. A fact
 * one side lacks is `null` there.
 */
export function finalDiff(original: Storage, replayed: Storage): FinalDifference[] {
  const a = facts(original);
  const b = facts(replayed);
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  const out: FinalDifference[] = [];
  for (const key of keys) {
    const x = a.get(key) ?? null;
    const y = b.get(key) ?? null;
    if (sameJson(x, y)) continue;
    const at = key.indexOf(":");
    out.push({
      kind: key.slice(0, at) as FinalDifference["kind"],
      id: key.slice(at + 1),
      original: x,
      replayed: y,
    });
  }
  return out;
}
