import type { ContextBase } from "../ctx.js";
import { requireCaller, requirePositiveAmount } from "./guards.js";
import { type IdMap, idMapDelete, idMapEntries, idMapGet, idMapKeys, idMapSet } from "./id-map.js";

/** The pool's slice of a contract's state: contributions by member and their sum. */
export interface PoolState {
  /**
   * Scrip each member put in and can take back with {@link withdrawFromPool}. An
   * {@link IdMap}: read it with `idMapGet` / `idMapEntries`, never `contributions[id]`.
   */
  contributions: IdMap<number>;
  /** Sum of `contributions`; the rest of the contract's wallet is revenue. */
  total: number;
}

/** One member's payout from {@link distributePool}. */
export interface Payout {
  member: string;
  amount: number;
}

/**
 * A new, empty pool slice.
 *
 * @example
 * ```ts
 * init: () => ({ pool: createPool() })
 * ```
 */
export function createPool(): PoolState {
  return { contributions: {}, total: 0 };
}

/** The members of a pool, in a stable order (by id). */
export function poolMembers(pool: PoolState): string[] {
  return idMapKeys(pool.contributions);
}

/**
 * Adds the scrip attached to this call (`ctx.value`) to the caller's contribution. Funds can
 * only come in attached to the call, so nobody can be made to pay who did not attach scrip.
 *
 * @throws (via `ctx.fail`) `invalid_argument` when nothing is attached.
 * @example
 * ```ts
 * join(ctx) { return joinPool(ctx, ctx.state.pool); } // invoked with { value: 50 }
 * ```
 */
export function joinPool(
  ctx: ContextBase,
  pool: PoolState,
): { member: string; contribution: number; total: number } {
  requirePositiveAmount(
    ctx,
    ctx.value,
    "the attached value (join with withValue(n) or { value: n })",
  );
  const contribution = (idMapGet(pool.contributions, ctx.caller) ?? 0) + ctx.value;
  idMapSet(pool.contributions, ctx.caller, contribution);
  pool.total += ctx.value;
  ctx.emit("pool.joined", { member: ctx.caller, amount: ctx.value, total: pool.total });
  return { member: ctx.caller, contribution, total: pool.total };
}

/**
 * Pays the caller back their own contribution and removes them from the pool. Only members can
 * withdraw, and only their own share: the amount is read from state, never from arguments.
 *
 * @throws (via `ctx.fail`) `not_authorized` when the caller is not a member.
 * @example
 * ```ts
 * withdraw(ctx) { return withdrawFromPool(ctx, ctx.state.pool); }
 * ```
 */
export function withdrawFromPool(
  ctx: ContextBase,
  pool: PoolState,
): { member: string; amount: number } {
  requireCaller(ctx, poolMembers(pool), "only pool members can withdraw");
  const amount = idMapGet(pool.contributions, ctx.caller) ?? 0;
  idMapDelete(pool.contributions, ctx.caller);
  pool.total -= amount;
  ctx.transfer(ctx.caller, amount);
  ctx.emit("pool.withdrawn", { member: ctx.caller, amount, total: pool.total });
  return { member: ctx.caller, amount };
}

/** Revenue the pool may distribute: its wallet minus what members can withdraw. */
export function poolRevenue(ctx: ContextBase, pool: PoolState): number {
  return Math.max(0, ctx.balance() - pool.total);
}

/**
 * Splits `amount` among members in proportion to their contributions, exactly: no scrip is
 * created or lost. **Remainder rule (largest remainder):** each member first gets
 * `floor(amount × contribution / total)`; the units left over (fewer than the number of
 * members) go one each to the members with the largest fractional remainders, ties broken by
 * member id in ascending order. Pure: it moves nothing. `shares` is an {@link IdMap} (only
 * own entries count, so any id is safe).
 *
 * @example
 * ```ts
 * splitProportionally(10, { a: 1, b: 1, c: 1 }); // a: 4, b: 3, c: 3
 * ```
 */
export function splitProportionally(amount: number, shares: IdMap<number>): Payout[] {
  const entries = idMapEntries(shares);
  const total = entries.reduce((sum, [, share]) => sum + share, 0);
  if (total <= 0 || amount <= 0) return entries.map(([member]) => ({ member, amount: 0 }));
  // BigInt keeps amount × share exact beyond 2^53.
  const big = BigInt(amount);
  const bigTotal = BigInt(total);
  const rows = entries.map(([member, share]) => {
    const product = big * BigInt(share);
    return { member, amount: Number(product / bigTotal), rest: product % bigTotal };
  });
  let left = amount - rows.reduce((sum, r) => sum + r.amount, 0);
  const byRemainder = [...rows].sort((a, b) =>
    a.rest === b.rest ? (a.member < b.member ? -1 : 1) : a.rest > b.rest ? -1 : 1,
  );
  for (const row of byRemainder) {
    if (left === 0) break;
    row.amount += 1;
    left -= 1;
  }
  return rows.map(({ member, amount: paid }) => ({ member, amount: paid }));
}

/**
 * Pays `amount` of the pool's revenue (default: all of it) to the members by
 * {@link splitProportionally}. Contributions are not touched, so members can still withdraw
 * them. Only members may trigger a distribution.
 *
 * @throws (via `ctx.fail`) `not_authorized` for non-members, `invalid_argument` when `amount`
 * exceeds the revenue or the pool has no members.
 * @example
 * ```ts
 * distribute(ctx, amount?: number) { return distributePool(ctx, ctx.state.pool, amount); }
 * ```
 */
export function distributePool(
  ctx: ContextBase,
  pool: PoolState,
  amount?: number,
): { distributed: number; payouts: Payout[] } {
  requireCaller(ctx, poolMembers(pool), "only pool members can distribute");
  const revenue = poolRevenue(ctx, pool);
  const wanted = amount ?? revenue;
  if (wanted === 0) return { distributed: 0, payouts: [] };
  requirePositiveAmount(ctx, wanted, "amount");
  if (wanted > revenue)
    ctx.fail(
      "invalid_argument",
      `only ${revenue} scrip of revenue can be distributed; contributions stay withdrawable`,
    );
  const payouts = splitProportionally(wanted, pool.contributions);
  for (const p of payouts) if (p.amount > 0) ctx.transfer(p.member, p.amount);
  ctx.emit("pool.distributed", {
    amount: wanted,
    payouts: payouts.map((p) => ({ member: p.member, amount: p.amount })),
  });
  return { distributed: wanted, payouts };
}
