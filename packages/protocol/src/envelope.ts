import type { ErrorCode } from "./errors.js";
import type { KernelEvent } from "./events.js";
import type { JsonValue } from "./json.js";

/** A position in a contract's TypeScript source (via its source map), or in its compiled JS. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

/** One frame of the invoke chain down to the frame that failed. */
export interface PathFrame {
  artifact: string;
  method: string;
}

/** The error half of a failure envelope. */
export interface EnvelopeError {
  code: ErrorCode;
  message: string;
  details?: { [key: string]: JsonValue };
  path?: PathFrame[];
  at?: SourcePosition;
}

/** What a call cost: the price paid, the value attached and the compute units spent. */
export interface Cost {
  price: number;
  value: number;
  compute: number;
}

/** A successful call. */
export interface SuccessEnvelope<T = JsonValue> {
  success: true;
  result: T;
  cost: Cost;
  events: KernelEvent[];
}

/** A failed call: nothing it did remains, except the `invoke.failed` event. */
export interface FailureEnvelope {
  success: false;
  error: EnvelopeError;
}

/**
 * The result of every operation, at every layer (kernel API, nested invoke, every RPC method,
 * CLI `--json`, MCP tools): DESIGN.md §2.1.
 */
export type Envelope<T = JsonValue> = SuccessEnvelope<T> | FailureEnvelope;

/** The cost of something that paid nothing and ran no contract code. */
export const FREE: Readonly<Cost> = Object.freeze({ price: 0, value: 0, compute: 0 });

/**
 * A success envelope for a free operation (a view, a lookup) that appended no events.
 *
 * @example
 * ```ts
 * return succeed(kernel.balance("alice")); // { success: true, result: 40, cost: {0,0,0}, events: [] }
 * ```
 */
export function succeed<T>(result: T): SuccessEnvelope<T> {
  return { success: true, result, cost: { ...FREE }, events: [] };
}

/**
 * A failure envelope.
 *
 * @example
 * ```ts
 * return fail("not_found", "artifact doc does not exist");
 * ```
 */
export function fail(
  code: ErrorCode,
  message: string,
  details?: { [key: string]: JsonValue },
): FailureEnvelope {
  return { success: false, error: details ? { code, message, details } : { code, message } };
}
