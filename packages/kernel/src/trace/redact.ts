import { parsePolicy } from "../policy.js";
import type { Storage } from "../storage/storage.js";
import { type JsonObject, REDACTED, type Trace, type TraceFrame } from "../types.js";

/**
 * A trace as someone other than the operator may see it (DESIGN.md §12): the arguments,
 * results and states of calls to artifacts whose `allowRead` is not everyone, and the content
 * written to such artifacts, are replaced by {@link REDACTED}. Everything else — who called what,
 * prices, values, compute, errors, scrip flows, ownership, the public events — stays.
 */
export function redactTrace(trace: Trace, storage: Storage): Trace {
  const open = new Map<string, boolean>();
  const isPublic = (id: string): boolean => {
    let v = open.get(id);
    if (v === undefined) {
      const row = storage.getArtifact(id);
      v = row === undefined || row.kind === "genesis" || parsePolicy(row).allowRead === "*";
      open.set(id, v);
    }
    return v;
  };
  const frame = (f: TraceFrame): TraceFrame => {
    const out: TraceFrame = { ...f, calls: f.calls.map(frame) };
    out.states = f.states.map((s) =>
      isPublic(s.artifact) ? s : { artifact: s.artifact, before: REDACTED, after: REDACTED },
    );
    if (!isPublic(f.target)) {
      out.args = REDACTED;
      if ("result" in f) out.result = REDACTED;
    }
    return out;
  };
  return {
    ...trace,
    params: redactParams(trace, isPublic),
    calls: trace.calls.map(frame),
    states: trace.states.map((s) =>
      isPublic(s.artifact) ? s : { artifact: s.artifact, before: REDACTED, after: REDACTED },
    ),
  };
}

function redactParams(trace: Trace, isPublic: (id: string) => boolean): JsonObject {
  const p = trace.params;
  const id = typeof p.id === "string" ? p.id : typeof p.target === "string" ? p.target : "";
  const out: JsonObject = { ...p };
  // Code is public (anyone may read a contract's manifest and source through read, when allowed).
  for (const key of ["content", "args"] as const)
    if (key in out && !isPublic(id)) out[key] = REDACTED;
  if ("code" in out && !isPublic(id)) out.code = REDACTED;
  return out;
}
