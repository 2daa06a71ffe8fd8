import type { JsonValue } from "@ecology/runtime";
import { KernelError } from "../kernel-error.js";
import { Refusal } from "../refusal.js";
import { utf8Length } from "../validate.js";
import type { Tx, World } from "../world.js";

/**
 * Serializes a value the runtime returned. It came out of the sandbox as JSON, so only the size
 * needs checking (the full JSON walk of `jsonText` is for values from callers).
 */
export function outputText(
  value: JsonValue,
  maxBytes: number,
): { ok: true; text: string } | { ok: false; reason: string } {
  const text = JSON.stringify(value);
  const bytes = utf8Length(text, maxBytes);
  return bytes > maxBytes
    ? { ok: false, reason: `is ${bytes} bytes, over the ${maxBytes}-byte limit` }
    : { ok: true, text };
}

/**
 * Stores `state` as contract `id`'s state (a no-op when unchanged) and returns its JSON text.
 * Throws a Refusal (`invalid_state`) when the state is over the size limit.
 */
export function saveState(world: World, tx: Tx, id: string, state: JsonValue): string {
  const t = outputText(state, world.limits.maxStateBytes);
  if (!t.ok) throw new Refusal("invalid_state", `the state of ${id} ${t.reason}`);
  // Re-read: nested calls may have changed the row (owner, version) while this frame ran.
  const fresh = world.storage.getArtifact(id);
  if (!fresh)
    throw new KernelError("invariant_broken", `contract ${id} vanished during its own call`);
  if (fresh.state !== t.text) world.storage.updateState(id, t.text, fresh.version + 1, tx.now);
  return t.text;
}

/** The stored state text of contract `id` (what its frames have committed so far). */
export function storedStateText(world: World, id: string): string | null {
  return world.storage.getArtifact(id)?.state ?? null;
}
