/** The closed set of error codes an envelope can carry (DESIGN.md §2.1). */
export const ERROR_CODES = [
  "invalid_argument",
  "not_found",
  "not_executable",
  "unknown_method",
  "not_authorized",
  "insufficient_funds",
  "reentrancy",
  "depth_exceeded",
  "out_of_compute",
  "out_of_memory",
  "timeout",
  "contract_error",
  "invalid_state",
  "conflict",
  "internal",
] as const;

/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * The codes a contract may claim with `ctx.fail(code, message)`; the others (limits, call
 * stack, lookup failures, `internal`) are only ever set by the kernel itself, so a caller can
 * trust them. A contract claiming another code fails with `contract_error` and
 * `details.claimedCode`.
 */
export const CONTRACT_ERROR_CODES = [
  "invalid_argument",
  "not_found",
  "not_authorized",
  "insufficient_funds",
  "invalid_state",
  "conflict",
  "contract_error",
] as const satisfies readonly ErrorCode[];

/** One of {@link CONTRACT_ERROR_CODES}. */
export type ContractErrorCode = (typeof CONTRACT_ERROR_CODES)[number];

/** Whether `code` is one of {@link ERROR_CODES}. */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === "string" && (ERROR_CODES as readonly string[]).includes(code);
}
