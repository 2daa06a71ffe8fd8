import { SdkError } from "./sdk-error.js";

/**
 * Options attached to a nested call as its trailing argument. The kernel's `ctx.invoke` and
 * `ctx.call` recognise the `__ecologyOptions` marker and never pass this object to the callee.
 */
export interface CallOptions {
  readonly __ecologyOptions: true;
  /** Scrip moved from the calling contract's wallet to the callee's wallet with the call. */
  readonly value: number;
  /**
   * The highest price the calling contract agrees to pay; if the callee's price is higher (its
   * owner raised it) the call fails with `conflict` and nothing is paid.
   */
  readonly maxPrice?: number;
}

function requireScrip(name: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new SdkError("invalid_option", `${name} needs a non-negative safe integer, got ${n}`);
  }
}

/**
 * Builds the trailing options of a nested call: `value` scrip to attach (default 0) and an
 * optional `maxPrice` guard. The returned object is a plain JSON value, built fresh on each call.
 *
 * @throws {SdkError} `invalid_option` when an option is not a non-negative safe integer.
 * @example
 * ```ts
 * ctx.call(oracle, "quote", withOptions({ maxPrice: 5 })); // refused if the price rose above 5
 * ```
 */
export function withOptions(options: { value?: number; maxPrice?: number }): CallOptions {
  const value = options.value ?? 0;
  requireScrip("value", value);
  if (options.maxPrice === undefined) return { __ecologyOptions: true, value };
  requireScrip("maxPrice", options.maxPrice);
  return { __ecologyOptions: true, value, maxPrice: options.maxPrice };
}

/**
 * Attaches `value` scrip to a nested call — the only safe way for a contract to hand funds to
 * another contract, because the callee sees them as `ctx.value` and nobody can pull scrip that
 * was not attached. `options.maxPrice` also guards the price, as in {@link withOptions}.
 *
 * @throws {SdkError} `invalid_option` when `value` or `maxPrice` is not a non-negative safe integer.
 * @example
 * ```ts
 * ctx.call(pool, "join", withValue(50));
 * ctx.call(pool, "join", withValue(50, { maxPrice: 2 }));
 * ```
 */
export function withValue(value: number, options: { maxPrice?: number } = {}): CallOptions {
  requireScrip("withValue", value);
  return withOptions({ ...options, value });
}

/**
 * Tells whether a value is a {@link CallOptions} object made by {@link withValue} or
 * {@link withOptions}.
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
