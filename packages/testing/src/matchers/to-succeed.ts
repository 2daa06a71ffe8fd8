import type { MatcherResult, MatcherState } from "vitest";
import { describeFailure } from "../describe-envelope.js";
import { onEnvelope } from "./received.js";

/**
 * `expect(envelope).toSucceed()`: passes when the call succeeded. On failure the message shows
 * the call, the error code and message, the invoke path and the TypeScript line.
 */
export function toSucceed(this: MatcherState, received: unknown): MatcherResult {
  return onEnvelope(this, received, "toSucceed", (_state, env, call) => ({
    pass: env.success,
    message: () =>
      env.success
        ? `expected ${call} to fail, but it succeeded with result ${JSON.stringify(env.result)}`
        : `expected ${call} to succeed, but it failed with ${describeFailure(env)}`,
  }));
}
