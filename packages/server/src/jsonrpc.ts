import { nestedDeeperThan } from "@ecology/kernel";
import {
  MAX_PARAMS_DEPTH,
  RPC_ERRORS,
  type RpcError,
  type RpcFailure,
  type RpcId,
  type RpcOutcome,
  rpcFailure,
  s,
  validate,
} from "@ecology/protocol";

/** The frame of a JSON-RPC 2.0 request; other members are ignored, as the spec allows. */
const REQUEST = s.object(
  {
    jsonrpc: s.literal("2.0"),
    method: s.string({ maxLength: 128 }),
    params: s.optional(s.union([s.record(s.json()), s.array(s.json())])),
    id: s.optional(s.union([s.string({ maxLength: 256 }), s.number(), s.null()])),
  },
  { strict: false },
);

/** A request that passed framing checks (params not yet validated against its method). */
export interface RpcRequest {
  method: string;
  params: unknown;
  /** Undefined for a notification, which gets no answer. */
  id: RpcId | undefined;
}

/**
 * Parses the text of a JSON-RPC 2.0 request. Batches are refused (ADR 0010): one request, one
 * transaction, one answer keeps the arrival order visible to clients. Text nested deeper than
 * {@link MAX_PARAMS_DEPTH} is refused before it is parsed (ADR 0022).
 *
 * @example
 * ```ts
 * const framed = parseRpcRequest('{"jsonrpc":"2.0","id":1,"method":"balances"}');
 * if (framed.ok) console.log(framed.request.method); // "balances"
 * ```
 */
export function parseRpcRequest(
  text: string,
): { ok: true; request: RpcRequest } | { ok: false; id: RpcId; outcome: RpcFailure } {
  if (nestedDeeperThan(text, MAX_PARAMS_DEPTH)) {
    return invalid(null, `request body is nested deeper than ${MAX_PARAMS_DEPTH} levels`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return {
      ok: false,
      id: null,
      outcome: rpcFailure(RPC_ERRORS.parseError, "invalid_argument", "request body is not JSON"),
    };
  }
  if (Array.isArray(body)) {
    return invalid(null, "batch requests are not supported; send one request per POST");
  }
  const framed = validate(REQUEST, body, { path: "request" });
  if (!framed.ok) return invalid(idOf(body), `not a JSON-RPC 2.0 request: ${framed.message}`);
  const { method, params, id } = framed.value;
  if (Array.isArray(params)) return invalid(id ?? null, "params must be an object of named params");
  return { ok: true, request: { method, params, id } };
}

function invalid(id: RpcId, message: string) {
  return {
    ok: false as const,
    id,
    outcome: rpcFailure(RPC_ERRORS.invalidRequest, "invalid_argument", message),
  };
}

function idOf(body: unknown): RpcId {
  if (body && typeof body === "object" && "id" in body) {
    const id = (body as { id: unknown }).id;
    if (typeof id === "string" && id.length <= 256) return id;
    if (typeof id === "number" && Number.isFinite(id)) return id;
  }
  return null;
}

/** The JSON-RPC response object for an outcome. */
export function rpcResponse(
  id: RpcId,
  outcome: RpcOutcome,
): { jsonrpc: "2.0"; id: RpcId; result: unknown } | { jsonrpc: "2.0"; id: RpcId; error: RpcError } {
  return outcome.ok
    ? { jsonrpc: "2.0", id, result: outcome.result ?? null }
    : { jsonrpc: "2.0", id, error: outcome.error };
}
