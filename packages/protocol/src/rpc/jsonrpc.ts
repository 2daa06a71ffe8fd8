import type { ErrorCode } from "../errors.js";

/** JSON-RPC 2.0 error codes servers answer with (-32000…-32099 are ours). */
export const RPC_ERRORS = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internal: -32603,
  unauthorized: -32001,
  forbidden: -32003,
  tooMany: -32029,
  tooLarge: -32013,
} as const;

/**
 * A JSON-RPC error object. `data.code` is the matching envelope error code and `data.hint` says
 * what to do, so every client can print one line with both.
 */
export interface RpcError {
  code: number;
  message: string;
  data: { code: ErrorCode; hint?: string };
}

/**
 * The outcome of one JSON-RPC call as a transport sees it: the method's result (an envelope,
 * for every method of the table) or a JSON-RPC error (the request never reached the method:
 * authentication, an unknown method, invalid params, an unreachable server).
 */
export type RpcOutcome = { ok: true; result: unknown } | RpcFailure;

/** The failed half of {@link RpcOutcome}. */
export interface RpcFailure {
  ok: false;
  error: RpcError;
}

/** A JSON-RPC request id. */
export type RpcId = string | number | null;

/**
 * Builds a failed {@link RpcOutcome}.
 *
 * @example
 * ```ts
 * return rpcFailure(RPC_ERRORS.invalidParams, "invalid_argument", "id: required", "see --help");
 * ```
 */
export function rpcFailure(
  code: number,
  envelopeCode: ErrorCode,
  message: string,
  hint?: string,
): RpcFailure {
  return {
    ok: false,
    error: { code, message, data: hint ? { code: envelopeCode, hint } : { code: envelopeCode } },
  };
}

/** The HTTP status that goes with a JSON-RPC error code (200 for errors of the call itself). */
export function httpStatusOf(code: number): 200 | 400 | 401 | 403 | 413 | 429 | 500 {
  switch (code) {
    case RPC_ERRORS.parseError:
    case RPC_ERRORS.invalidRequest:
      return 400;
    case RPC_ERRORS.unauthorized:
      return 401;
    case RPC_ERRORS.forbidden:
      return 403;
    case RPC_ERRORS.tooLarge:
      return 413;
    case RPC_ERRORS.tooMany:
      return 429;
    case RPC_ERRORS.internal:
      return 500;
    default:
      return 200;
  }
}

/**
 * Deepest nesting of arrays and objects in a request's params. The kernel refuses values deeper
 * than 64 levels with its own `invalid_argument`; a request adds a few levels around a value
 * (`params.args[…]`, `params.code.manifest…`), and the margin up to 128 keeps the kernel's message
 * for anything it would explain itself. Beyond it, recursive code (JSON.stringify, validators)
 * would overflow the stack, so clients and servers refuse before touching the value.
 */
export const MAX_PARAMS_DEPTH = 128;
