import { SdkError } from "./sdk-error.js";

/**
 * Options attached to a nested call as its trailing argument. The kernel's `ctx.invoke` and
 * `ctx.call` recognise the `__ecologyOptions` marker and never pass this object to the callee.
 */
export interface CallOptions {
  readonly __ecologyOptions: true;
  /** Scrip moved from the calling contract's wallet to the callee's wallet with the call. */
  readonly value: number;
}

/**
 * Attaches `value` scrip to a nested call — the only safe way for a contract to hand funds to
 * another contract, because the callee sees them as `ctx.value` and nobody can pull scrip that
 * was not attached. The returned object is a plain JSON value, built fresh on each call.
 *
 * @throws {SdkError} `invalid_option` when `value` is not a non-negative safe integer.
 * @example
 * ```ts
 * ctx.call(pool, "join", withValue(50));
 * ```
 */
export function withValue(value: number): CallOptions {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new SdkError(
      "invalid_option",
      `withValue needs a non-negative safe integer, got ${value}`,
    );
  }
  return { __ecologyOptions: true, value };
}

/**
 * Tells whether a value is a {@link CallOptions} object made by {@link withValue}.
 *
 * @example
 * ```ts
 * isCallOptions(withValue(5)); // true
 * ```
 */
export function isCallOptions(value: unknown): value is CallOptions {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { __ecologyOptions?: unknown }).__ecologyOptions === true
  );
}
