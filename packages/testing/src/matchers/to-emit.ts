import type { JsonValue, KernelEvent } from "@ecology/kernel";
import { expect, type MatcherResult, type MatcherState } from "vitest";
import { describeFailure } from "../describe-envelope.js";
import { onEnvelope } from "./received.js";

function typeMatches(event: KernelEvent, type: string): boolean {
  return event.type === type || event.type === `contract.${type}`;
}

function listEvents(events: KernelEvent[]): string {
  if (events.length === 0) return "  (no events)";
  return events.map((e) => `  ${e.type} ${JSON.stringify(e.data)}`).join("\n");
}

/**
 * `expect(envelope).toEmit("joined", { member: "alice" })`: passes when the successful call
 * recorded an event of that type (`"joined"` also matches the contract event `contract.joined`)
 * whose data contains `data` (a partial, deep match; asymmetric matchers allowed).
 */
export function toEmit(
  this: MatcherState,
  received: unknown,
  type: string,
  data?: { [key: string]: JsonValue | unknown },
): MatcherResult {
  return onEnvelope(this, received, "toEmit", (state, env, call) => {
    const what =
      data === undefined ? type : `${type} with ${state.utils.stringify(data, 10, { min: true })}`;
    if (!env.success)
      return {
        pass: false,
        message: () =>
          `expected ${call} to emit ${what}, but it failed with ${describeFailure(env)}`,
      };
    const pass = env.events.some(
      (e) =>
        typeMatches(e, type) &&
        (data === undefined || state.equals(e.data, expect.objectContaining(data))),
    );
    return {
      pass,
      message: () =>
        `expected ${call} ${pass ? "not " : ""}to emit ${what}; it emitted:\n${listEvents(env.events)}`,
    };
  });
}
