import type { EnvelopeError, JsonValue, PathFrame } from "./types.js";

/** Room kept for the `… [truncated: N bytes]` marker of a cut string. */
const MARKER_ROOM = 40;
/** Cap of one id or method name echoed in a path or position (valid ids are 128 at most). */
const NAME_BYTES = 256;

const encoder = new TextEncoder();

/**
 * `text` if it fits in `maxBytes` of UTF-8, else its longest prefix that fits with a
 * `… [truncated: N bytes]` marker (N = the original size), never splitting a character.
 */
export function capText(text: string, maxBytes: number): string {
  // A UTF-16 unit is at most 3 UTF-8 bytes, so short strings need no exact count.
  if (text.length * 3 <= maxBytes) return text;
  const size = Buffer.byteLength(text);
  if (size <= maxBytes) return text;
  const room = new Uint8Array(Math.max(0, maxBytes - MARKER_ROOM));
  const { read } = encoder.encodeInto(text, room);
  return `${text.slice(0, read)}… [truncated: ${size} bytes]`;
}

/**
 * `details` if their JSON fits in `maxBytes`, else the leading entries that fit (a string
 * entry that does not fit is cut with {@link capText}) plus `truncated: true`.
 */
export function capDetails(
  details: { [key: string]: JsonValue },
  maxBytes: number,
): { [key: string]: JsonValue } {
  if (Buffer.byteLength(JSON.stringify(details)) <= maxBytes) return details;
  const kept: { [key: string]: JsonValue } = {};
  let left = maxBytes - MARKER_ROOM;
  for (const [key, value] of Object.entries(details)) {
    const keyBytes = Buffer.byteLength(JSON.stringify(key)) + 2;
    const valueBytes = Buffer.byteLength(JSON.stringify(value));
    if (keyBytes + valueBytes <= left) {
      kept[key] = value;
      left -= keyBytes + valueBytes;
    } else if (typeof value === "string" && left - keyBytes > MARKER_ROOM * 2) {
      // JSON escapes can double a string's size; halve the room to stay under the cap.
      kept[key] = capText(value, Math.floor((left - keyBytes) / 2));
      left -= keyBytes + Buffer.byteLength(JSON.stringify(kept[key]));
    }
  }
  kept.truncated = true;
  return kept;
}

/**
 * An envelope error whose message and details fit in `maxBytes` each and whose path and
 * position names are bounded, so a failure stored in the permanent `invoke.failed` record (and
 * returned to the caller) cannot carry megabytes of contract-chosen text. Truncation is marked.
 */
export function capError(error: EnvelopeError, maxBytes: number): EnvelopeError {
  const capped: EnvelopeError = { code: error.code, message: capText(error.message, maxBytes) };
  if (error.details) capped.details = capDetails(error.details, maxBytes);
  if (error.path) capped.path = error.path.map(capFrame);
  if (error.at) capped.at = { ...error.at, file: capText(error.at.file, NAME_BYTES) };
  return capped;
}

function capFrame(frame: PathFrame): PathFrame {
  return {
    artifact: capText(frame.artifact, NAME_BYTES),
    method: capText(frame.method, NAME_BYTES),
  };
}
