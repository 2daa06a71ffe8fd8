import type { QuickJSContext, QuickJSHandle, VmCallResult } from "quickjs-emscripten-core";
import { RunAbort, RuntimeError } from "./errors.js";
import { currentFrame, type Frame } from "./frames.js";
import { nestedDeeperThan, parseJson } from "./json.js";
import type { Sandbox } from "./sandbox.js";
import type { JsonValue } from "./types.js";

/**
 * Units the run had left when its current host call began, read from the sandbox's meter the
 * first time it is needed (only nested runs and aborts need it, so plain host calls skip it).
 */
export function unitsLeftAtHostCall(frame: Frame): number {
  frame.hostLeft ??= (frame.owner as Sandbox).readMeter();
  return frame.hostLeft;
}

/** A top-level check that catches the usual host bugs (a Promise, a Map, a class instance). */
function isPlainJson(value: unknown): boolean {
  if (typeof value === "string" || typeof value === "number") return true;
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === Array.prototype || proto === null;
}

/**
 * What a host call gives back to the sandbox, before it becomes a QuickJS value: `undefined`,
 * `null`, a boolean or a finite number as itself, a string as the JSON text of the result, or
 * an error to throw there.
 */
export type HostReply =
  | undefined
  | null
  | boolean
  | number
  | string
  | { readonly error: { readonly name: string; readonly message: string } };

type HostReturn = QuickJSHandle | VmCallResult<QuickJSHandle> | undefined;

/** A reply as a QuickJS handle, for quickjs-emscripten's own host-function path. */
export function replyToHandle(ctx: QuickJSContext, reply: HostReply): HostReturn {
  if (reply === undefined) return undefined;
  if (reply === null) return ctx.null;
  if (typeof reply === "boolean") return reply ? ctx.true : ctx.false;
  if (typeof reply === "number") return ctx.newNumber(reply);
  if (typeof reply === "string") return ctx.newString(reply);
  return { error: ctx.newError(reply.error) };
}

function fail(message: string): HostReply {
  return { error: { name: "Error", message } };
}

/**
 * Behind every raw host function `name(argsJson)` of a sandbox: looks `name` up in the current
 * run's host API, calls it with the parsed JSON arguments and returns its result (primitives as
 * themselves, the rest as JSON text). While it runs, nested runs may start; their units are
 * taken from the meter afterwards. A `RunAbort` marks the run for termination (the interrupt
 * handler then ends it uncatchably), and so does a `RuntimeError` (a host bug must not be
 * catchable by the program); any other error becomes a catchable `Error` in the sandbox.
 */
export function onHostCall(
  sandbox: Sandbox,
  name: string,
  argsJson: string | undefined,
): HostReply {
  const frame = currentFrame();
  if (frame === undefined || frame.owner !== sandbox || argsJson === undefined) {
    return fail("host functions can only be called during their run");
  }
  const fn = Object.hasOwn(frame.host, name) ? frame.host[name] : undefined;
  if (typeof fn !== "function") return fail(`no host function '${name}'`);
  frame.hostLeft = undefined;
  frame.childUnits = 0;
  frame.childRuns = 0;
  const maxDepth = frame.limits.maxJsonDepth;
  // The argument list is one level around the arguments.
  if (nestedDeeperThan(argsJson, maxDepth + 1)) {
    return fail(`arguments of host function '${name}' nested deeper than ${maxDepth} levels`);
  }
  frame.inHostCall = true;
  try {
    const args = parseJson(argsJson) as JsonValue[];
    const result = fn(...args);
    // Primitives skip JSON both ways (see callHost in the bootstrap).
    if (result === undefined || result === null || typeof result === "boolean") return result;
    if (typeof result === "number" && Number.isFinite(result)) return result;
    if (!isPlainJson(result)) return fail(`host function '${name}' returned a non-JSON value`);
    const json = JSON.stringify(result);
    if (nestedDeeperThan(json, maxDepth)) {
      return fail(`host function '${name}' returned a value nested deeper than ${maxDepth} levels`);
    }
    return json;
  } catch (error) {
    if (error instanceof RunAbort || error instanceof RuntimeError) {
      const code = error instanceof RunAbort ? error.code : "thrown";
      frame.abort ??= { code, message: error.message };
      frame.spentAtAbort = frame.budget - unitsLeftAtHostCall(frame) + frame.childUnits;
      return { error: { name: "RunAbort", message: error.message } };
    }
    return fail(error instanceof Error ? error.message : String(error));
  } finally {
    frame.inHostCall = false;
    if (frame.abort === undefined && frame.childRuns > 0 && performance.now() > frame.deadlineAt) {
      frame.abort = {
        code: "timeout",
        message: `deadline of ${frame.limits.deadlineMs} ms passed`,
      };
    }
    if (frame.abort !== undefined) {
      // The run must end: a negative meter makes the next charge throw, whatever it catches.
      sandbox.writeMeter(-1);
    } else if (frame.childRuns > 0) {
      // Nested runs may have used this sandbox (reentrancy) and its meter: restore ours, minus
      // what they spent.
      const left = unitsLeftAtHostCall(frame) - frame.childUnits;
      sandbox.writeMeter(left);
      if (left < 0) frame.abort = { code: "out_of_compute", message: "compute budget exhausted" };
    }
  }
}
