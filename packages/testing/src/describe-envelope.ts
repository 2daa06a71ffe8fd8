import type { Envelope, FailureEnvelope } from "@ecology/kernel";
import { callOf, callText } from "./call-record.js";

/** The call that produced `envelope`, e.g. `#2 alice.invoke("pool", "join")`, or a placeholder. */
export function describeCall(envelope: unknown): string {
  const r = callOf(envelope);
  return r ? `#${r.index} ${callText(r)}` : "the call";
}

/**
 * A failure as lines a test author can act on: the code and message, the invoke path from the
 * caller down to the failing frame, and the TypeScript position when contract code threw.
 */
export function describeFailure(envelope: FailureEnvelope): string {
  const { error } = envelope;
  const caller = callOf(envelope)?.caller;
  const lines = [`${error.code}: ${error.message}`];
  if (error.path && error.path.length > 0) {
    const frames = error.path.map((f) => `${f.artifact}.${f.method}`);
    lines.push(`  path: ${[...(caller ? [caller] : []), ...frames].join(" → ")}`);
  }
  if (error.at) lines.push(`  at ${error.at.file}:${error.at.line}:${error.at.column}`);
  return lines.join("\n");
}

/** Whether `x` looks like an envelope (so matchers can reject other values clearly). */
export function isEnvelope(x: unknown): x is Envelope {
  if (typeof x !== "object" || x === null || !("success" in x)) return false;
  const e = x as { success: unknown; error?: unknown };
  return e.success === true || (e.success === false && typeof e.error === "object");
}
