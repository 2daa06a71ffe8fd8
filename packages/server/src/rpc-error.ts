import type { ErrorCode } from "@ecology/kernel";

/** JSON-RPC 2.0 error codes the server answers with (-32000…-32099 are ours). */
export const RPC_ERRORS = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internal: -32603,
  unauthorized: -32001,
  forbidden: -32003,
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

/** The outcome of one JSON-RPC call: the method's result, or an error. */
export type RpcOutcome = { ok: true; result: unknown } | RpcFailure;

/** The failed half of {@link RpcOutcome}. */
export interface RpcFailure {
  ok: false;
  error: RpcError;
}

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
export function httpStatusOf(code: number): 200 | 400 | 401 | 403 | 413 | 500 {
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
    case RPC_ERRORS.internal:
      return 500;
    default:
      return 200;
  }
}
