import type { EnvelopeError } from "../types.js";
import type { Frame } from "../world.js";

/** How many distinct failures a frame remembers (the most recent ones). */
const MAX_REMEMBERED = 256;

/**
 * Remembers a kernel failure handed to a frame's contract code: a refused host call or a
 * failed nested invoke. Only failures remembered here can later be reported by the frame's
 * dispatcher as the reason the frame failed, so a contract can rethrow a genuine failure it
 * caught but cannot make one up (the dispatcher's note is readable and writable by the
 * contract, like everything inside the sandbox).
 */
export function rememberIssued(frame: Frame, error: EnvelopeError): void {
  frame.issued ??= new Map();
  const key = JSON.stringify(error);
  // Re-inserting moves a repeated failure to the recent end.
  frame.issued.delete(key);
  frame.issued.set(key, error);
  // A loop of failing calls must not hold every failure in memory: rethrowing is done with a
  // recent failure, and an older one simply becomes the contract's own contract_error.
  if (frame.issued.size > MAX_REMEMBERED) {
    const oldest = frame.issued.keys().next().value;
    if (oldest !== undefined) frame.issued.delete(oldest);
  }
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
