import type { Envelope } from "@ecology/kernel";
import type { MatcherResult, MatcherState } from "vitest";
import { describeCall, isEnvelope } from "../describe-envelope.js";

/** A matcher body over a settled envelope. */
export type EnvelopeCheck = (
  state: MatcherState,
  envelope: Envelope,
  call: string,
) => { pass: boolean; message: () => string };

function isThenable(x: unknown): x is PromiseLike<unknown> {
  return (
    typeof x === "object" && x !== null && typeof (x as { then?: unknown }).then === "function"
  );
}

function settle(state: MatcherState, value: unknown, check: EnvelopeCheck, name: string) {
  if (!isEnvelope(value))
    return {
      pass: state.isNot,
      message: () =>
        `${name} expects an envelope, a promise of one or a function returning one; got ${state.utils.printReceived(value)}`,
    };
  return check(state, value, describeCall(value));
}

/**
 * Runs `check` on what `expect` received: an envelope, a promise of one, or a function returning
 * either (called now). Promises make the matcher async, so such assertions need `await`.
 */
export function onEnvelope(
  state: MatcherState,
  received: unknown,
  name: string,
  check: EnvelopeCheck,
): MatcherResult {
  const value = typeof received === "function" ? (received as () => unknown)() : received;
  if (isThenable(value)) return Promise.resolve(value).then((v) => settle(state, v, check, name));
  return settle(state, value, check, name);
}
