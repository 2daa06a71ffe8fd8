import type { ContextBase } from "../ctx.js";

/**
 * Fails the call with `not_authorized` unless `ctx.caller` is `who` (or one of `who`).
 *
 * @throws what `ctx.fail` throws (the call is rolled back).
 * @example
 * ```ts
 * requireCaller(ctx, ctx.state.arbitrator, "only the arbitrator resolves disputes");
 * ```
 */
export function requireCaller(
  ctx: ContextBase,
  who: string | readonly string[],
  message: string,
): void {
  const allowed = typeof who === "string" ? [who] : who;
  if (!allowed.includes(ctx.caller))
    ctx.fail("not_authorized", `${message} (caller: ${ctx.caller})`);
}

/**
 * Fails with `not_authorized` unless the caller is this contract's owner.
 *
 * @example
 * ```ts
 * requireOwner(ctx, "only the owner updates the rules");
 * ```
 */
export function requireOwner(ctx: ContextBase, message: string): void {
  requireCaller(ctx, ctx.owner, message);
}

/**
 * Fails with `invalid_argument` unless exactly `amount` scrip was attached to this call. A
 * failed call is rolled back, so whatever was attached goes back to the caller.
 *
 * @example
 * ```ts
 * requireValue(ctx, deal.price, "attach the price with withValue(price)");
 * ```
 */
export function requireValue(ctx: ContextBase, amount: number, hint: string): void {
  if (ctx.value !== amount) {
    ctx.fail("invalid_argument", `attach exactly ${amount} scrip (got ${ctx.value}): ${hint}`);
  }
}

/**
 * Fails with `invalid_argument` unless `n` is a positive safe integer (scrip amounts).
 *
 * @example
 * ```ts
 * requirePositiveAmount(ctx, amount, "amount");
 * ```
 */
export function requirePositiveAmount(
  ctx: ContextBase,
  n: unknown,
  name: string,
): asserts n is number {
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n <= 0) {
    ctx.fail("invalid_argument", `${name} must be a positive integer, got ${JSON.stringify(n)}`);
  }
}
