import type { EnvelopeError } from "../types.js";
import type { Frame } from "../world.js";

/**
 * Remembers a kernel failure handed to a frame's contract code: a refused host call or a
 * failed nested invoke. Only failures remembered here can later be reported by the frame's
 * dispatcher as the reason the frame failed, so a contract can rethrow a genuine failure it
 * caught but cannot make one up (the dispatcher's note is readable and writable by the
 * contract, like everything inside the sandbox).
 */
export function rememberIssued(frame: Frame, error: EnvelopeError): void {
  frame.issued ??= new Map();
  frame.issued.set(JSON.stringify(error), error);
}

/**
 * The kernel's own copy of a failure the sandbox reports having received, or undefined when
 * this frame was never handed a failure exactly like it (a forged or altered note).
 */
export function issuedFailure(frame: Frame, reported: unknown): EnvelopeError | undefined {
  if (frame.issued === undefined || reported === null || typeof reported !== "object")
    return undefined;
  return frame.issued.get(JSON.stringify(reported));
}
