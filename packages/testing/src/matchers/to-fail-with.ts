import type { ErrorCode } from "@ecology/kernel";
import type { MatcherResult, MatcherState } from "vitest";
import { describeFailure } from "../describe-envelope.js";
import { onEnvelope } from "./received.js";

/**
 * `expect(envelope).toFailWith("insufficient_funds")`: passes when the call failed with that
 * error code. Messages show what happened instead (result, or code, path and TypeScript line).
 */
export function toFailWith(this: MatcherState, received: unknown, code: ErrorCode): MatcherResult {
  return onEnvelope(this, received, "toFailWith", (_state, env, call) => {
    if (env.success)
      return {
        pass: false,
        message: () =>
          `expected ${call} to fail with ${code}, but it succeeded with result ${JSON.stringify(env.result)}`,
      };
    const pass = env.error.code === code;
    return {
      pass,
      message: () =>
        pass
          ? `expected ${call} not to fail with ${code}, but it did: ${describeFailure(env)}`
          : `expected ${call} to fail with ${code}, but it failed with ${describeFailure(env)}`,
    };
  });
}
