import type { KernelEvent } from "@ecology/protocol";
import type { ContextBase } from "../ctx.js";
import { type IdMap, idMapGet, idMapSet } from "./id-map.js";
import { readAllEvents } from "./read-events.js";

/**
 * The contracts whose events a reputation may count: by artifact id, or by code hash (the
 * `codeHash` a deploy returns; the kernel never lets an artifact's code change, and never reuses
 * an id). Anyone can deploy a contract that emits `contract.deal.completed`, so events from
 * any other artifact are ignored. An empty set trusts nobody.
 *
 * Cost: with `codeHashes`, each distinct emitter costs one event-log read to learn its code
 * hash (ids cost nothing), so many emitters make the check expensive; trust ids where you can.
 */
export interface TrustedSources {
  ids?: readonly string[];
  codeHashes?: readonly string[];
}

/** Fails with `invalid_argument` unless `trusted` is `{ ids?: string[], codeHashes?: string[] }`. */
export function requireTrustedSources(ctx: ContextBase, trusted: unknown): TrustedSources {
  const t = trusted as { [key: string]: unknown } | null;
  const isList = (v: unknown) =>
    v === undefined || (Array.isArray(v) && v.every((s) => typeof s === "string"));
  if (
    typeof t !== "object" ||
    t === null ||
    Array.isArray(t) ||
    !isList(t.ids) ||
    !isList(t.codeHashes)
  )
    ctx.fail(
      "invalid_argument",
      "trusted must be { ids?: string[], codeHashes?: string[] }: the contracts whose events count",
    );
  return t as TrustedSources;
}

/** The code hash an artifact was deployed with, read from its `artifact.created` event. */
function deployedCodeHash(ctx: ContextBase, artifact: string): string | null {
  // `artifact` also matches events that merely mention the id: only its own creation counts.
  const created = readAllEvents(ctx, { artifact, types: ["artifact.created"] }, 1000).find(
    (e) => e.target === artifact,
  );
  const hash = created?.data.codeHash;
  return typeof hash === "string" ? hash : null;
}

/**
 * Keeps the events emitted by a trusted artifact (`actor` is the emitting contract for
 * `contract.*` events, set by the kernel). Code hashes are looked up once per emitter.
 */
export function eventsFromTrusted(
  ctx: ContextBase,
  events: KernelEvent[],
  trusted: TrustedSources,
): KernelEvent[] {
  const ids = trusted.ids ?? [];
  const hashes = trusted.codeHashes ?? [];
  const verdicts: IdMap<boolean> = {};
  const isTrusted = (emitter: string): boolean => {
    const known = idMapGet(verdicts, emitter);
    if (known !== undefined) return known;
    const verdict =
      ids.includes(emitter) ||
      (hashes.length > 0 && hashes.includes(deployedCodeHash(ctx, emitter) ?? ""));
    idMapSet(verdicts, emitter, verdict);
    return verdict;
  };
  return events.filter((e) => isTrusted(e.actor));
}
