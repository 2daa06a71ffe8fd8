import type { Frame } from "./frames.js";
import { exceedsBytes, nestedDeeperThan, parseJson } from "./json.js";
import type { RawOutcome } from "./sandbox.js";
import type { StackMapper } from "./source-mapper.js";
import type { JsonValue, RunError, RunErrorCode, RunResult } from "./types.js";

/** A failed `RunResult`. */
export function failure(code: RunErrorCode, message: string, compute: number): RunResult {
  return { ok: false, error: { code, message }, compute };
}

/** QuickJS reports its own limits as InternalErrors; these are not program throws. */
function engineCode(name: unknown, message: unknown): RunErrorCode | undefined {
  if (name !== "InternalError" && name !== "RangeError") return undefined;
  if (message === "out of memory" || message === "string too long") return "out_of_memory";
  if (message === "stack overflow" || message === "Maximum call stack size exceeded") {
    return "stack_overflow";
  }
  return undefined;
}

interface ThrownRecord {
  v: JsonValue;
  s: string;
}

function thrownMessage(value: JsonValue): string {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const { name, message } = value;
    if (typeof message === "string")
      return typeof name === "string" ? `${name}: ${message}` : message;
  }
  return `uncaught ${JSON.stringify(value)}`;
}

function fromThrown(
  json: string,
  mapper: StackMapper,
  compute: number,
  maxDepth: number,
): RunResult {
  // The sandbox bounds the depth of what it serializes; this keeps the host safe regardless.
  if (nestedDeeperThan(json, maxDepth + 1)) {
    const message = `thrown value nested deeper than ${maxDepth} levels`;
    return {
      ok: false,
      error: { code: "thrown", message, value: { name: "Error", message } },
      compute,
    };
  }
  const record = parseJson(json) as ThrownRecord;
  const value = record.v;
  const error: RunError = { code: "thrown", message: thrownMessage(value), value };
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const code = engineCode(value.name, value.message);
    if (code !== undefined) error.code = code;
  }
  if (record.s !== "") {
    const mapped = mapper.mapStack(record.s);
    error.stack = mapped.stack;
    if (mapped.at !== undefined) error.at = mapped.at;
  }
  return { ok: false, error, compute };
}

/** Turns what a sandbox produced into the run's result; an abort recorded on the frame wins. */
export function toResult(
  frame: Frame,
  outcome: RawOutcome,
  mapper: StackMapper,
  compute: number,
): RunResult {
  if (frame.abort !== undefined) return failure(frame.abort.code, frame.abort.message, compute);
  switch (outcome.kind) {
    case "ok": {
      if (exceedsBytes(outcome.json, frame.limits.maxOutputBytes)) {
        return failure(
          "invalid_value",
          `output exceeds ${frame.limits.maxOutputBytes} bytes`,
          compute,
        );
      }
      if (nestedDeeperThan(outcome.json, frame.limits.maxJsonDepth)) {
        const message = `output nested deeper than ${frame.limits.maxJsonDepth} levels`;
        return failure("invalid_value", message, compute);
      }
      return { ok: true, value: parseJson(outcome.json) as JsonValue, compute };
    }
    case "thrown":
      return fromThrown(outcome.json, mapper, compute, frame.limits.maxJsonDepth);
    case "invalid":
      return failure("invalid_value", outcome.message, compute);
    case "engine": {
      const code = engineCode(outcome.name, outcome.message) ?? "thrown";
      return failure(code, `${outcome.name}: ${outcome.message}`, compute);
    }
  }
}
