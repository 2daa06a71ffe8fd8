import { refuse } from "../refusal.js";
import { isAmount } from "../validate.js";

/**
 * The caller's `maxPrice` (absent when undefined or null), refusing with `invalid_argument`
 * anything that is not scrip.
 */
export function maxPriceOf(maxPrice: unknown): number | undefined {
  if (maxPrice === undefined || maxPrice === null) return undefined;
  if (!isAmount(maxPrice))
    refuse("invalid_argument", "maxPrice must be a non-negative safe integer");
  return maxPrice;
}

/**
 * Refuses with `conflict` when the price to pay exceeds the caller's `maxPrice`: the owner
 * changed the price between the caller's look and its call, so the caller never agreed to it.
 * Called before anything is paid or run.
 */
export function requireAgreedPrice(
  price: number,
  maxPrice: number | undefined,
  what: string,
): void {
  if (maxPrice === undefined || price <= maxPrice) return;
  refuse(
    "conflict",
    `${what} costs ${price} scrip, more than the maxPrice ${maxPrice} of this call; look again and call with the new price if it is acceptable`,
    { price, maxPrice },
  );
}
