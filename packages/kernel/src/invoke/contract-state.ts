import { type JsonValue, nestedDeeperThan } from "@ecology/runtime";
import { KernelError } from "../kernel-error.js";
import { Refusal } from "../refusal.js";
import { chargeResize } from "../storage-quota.js";
import type { Tx } from "../tx.js";
import { utf8Length } from "../validate.js";
import type { World } from "../world.js";

/**
 * Serializes a value the runtime returned. It came out of the sandbox as JSON, so only the size
 * needs checking (the full JSON walk of `jsonText` is for values from callers).
 */
export function outputText(
  value: JsonValue,
  maxBytes: number,
  maxDepth: number,
): { ok: true; text: string } | { ok: false; reason: string } {
  const text = JSON.stringify(value);
  const bytes = utf8Length(text, maxBytes);
  if (bytes > maxBytes)
    return { ok: false, reason: `is ${bytes} bytes, over the ${maxBytes}-byte limit` };
  if (nestedDeeperThan(text, maxDepth))
    return { ok: false, reason: `is nested deeper than ${maxDepth} levels` };
  return { ok: true, text };
}

/**
 * Stores `state` as contract `id`'s state (a no-op when unchanged) and returns its JSON text.
 * Throws a Refusal (`invalid_state`) when the state is over the size or depth limit, or
 * (`not_authorized`) when its growth is over the payer's storage quota.
 */
export function saveState(world: World, tx: Tx, id: string, state: JsonValue): string {
  const t = outputText(state, world.limits.maxStateBytes, world.limits.maxJsonDepth);
  if (!t.ok) throw new Refusal("invalid_state", `the state of ${id} ${t.reason}`);
  // Re-read: nested calls may have changed the row (owner, version) while this frame ran.
  const fresh = world.storage.getArtifact(id);
  if (!fresh)
    throw new KernelError("invariant_broken", `contract ${id} vanished during its own call`);
  if (fresh.state === t.text) return t.text;
  // The state's growth counts against the storage quota of whoever pays for this artifact (ADR 0019).
  chargeResize(
    world,
    id,
    fresh.state === null ? 0 : Buffer.byteLength(fresh.state),
    Buffer.byteLength(t.text),
  );
  world.storage.updateState(id, t.text, fresh.version + 1, tx.now);
  tx.statesWritten.add(id);
  tx.tracer?.state(id, fresh.state, t.text);
  return t.text;
}

/** The stored state text of contract `id` (what its frames have committed so far). */
export function storedStateText(world: World, id: string): string | null {
  return world.storage.getArtifact(id)?.state ?? null;
}
