import type { ContextBase } from "../ctx.js";
import { requireValue } from "./guards.js";
import { type IdMap, idMapGet, idMapSet } from "./id-map.js";

/** Per-caller usage counts, for receipts and reputation. */
export interface UsageState {
  /** Uses by caller: an {@link IdMap}, read it with `idMapGet(usage.uses, id)`. */
  uses: IdMap<number>;
  total: number;
}

/**
 * A usage meter slice.
 *
 * @example
 * ```ts
 * init: () => ({ usage: createUsage() })
 * ```
 */
export function createUsage(): UsageState {
  return { uses: {}, total: 0 };
}

/**
 * A tiered price table for `defineContract({ prices })`: the kernel charges each method's price
 * to the caller before the method runs and pays it to the owner (automatic billing), so the
 * method body never handles payment. Returns its argument; it exists to document the pattern.
 *
 * @example
 * ```ts
 * prices: tieredPrices({ summary: 1, detailed: 5, premium: 20 })
 * ```
 */
export function tieredPrices<const T extends { readonly [method: string]: number }>(prices: T): T {
  return prices;
}

/**
 * Counts one use by the caller and logs `contract.service.used` (method, caller, count), the
 * history a reputation contract reads. Call it from each billed method.
 *
 * @example
 * ```ts
 * summary(ctx) { recordUse(ctx, ctx.state.usage, "summary"); return ctx.state.summary; }
 * ```
 */
export function recordUse(ctx: ContextBase, usage: UsageState, method: string): number {
  const count = (idMapGet(usage.uses, ctx.caller) ?? 0) + 1;
  idMapSet(usage.uses, ctx.caller, count);
  usage.total += 1;
  ctx.emit("service.used", { method, caller: ctx.caller, count });
  return usage.total;
}

/**
 * Billing inside the contract instead of the policy: requires exactly `price` attached to the
 * call (it lands in this contract's wallet, e.g. a pool's revenue). Use it when the price is
 * state that the contract itself may change (by a threshold vote, say).
 *
 * @throws (via `ctx.fail`) `invalid_argument` unless exactly `price` is attached.
 */
export function chargeAttached(ctx: ContextBase, price: number): void {
  requireValue(
    ctx,
    price,
    `this service costs ${price}; attach it with withValue(${price}) or { value: ${price} }`,
  );
}
