import { KernelError } from "./kernel-error.js";
import { refuse } from "./refusal.js";
import type { Tx } from "./tx.js";
import type { JsonValue } from "./types.js";
import { isAmount, isValidId } from "./validate.js";
import { OPERATOR, type StorageFacet } from "./world.js";

/** Whether `id` can hold scrip: a principal, or an artifact that is not deleted. */
export function hasWallet(world: StorageFacet, id: string): boolean {
  if (world.storage.hasPrincipal(id)) return true;
  const a = world.storage.getArtifact(id);
  return a !== undefined && !a.deleted;
}

/**
 * Moves scrip `from` → `to` and logs `scrip.transferred`. The caller of this function has
 * already decided that `from` may spend (it is the acting principal or contract itself).
 * Refuses unknown receivers, bad amounts and overdrafts; a zero amount is a no-op.
 */
export function transferScrip(
  world: StorageFacet,
  tx: Tx,
  move: { from: string; to: string; amount: unknown; reason: string; actor?: string },
): void {
  const { from, to, amount } = move;
  if (!isAmount(amount))
    refuse(
      "invalid_argument",
      `amount must be a non-negative safe integer, got ${JSON.stringify(amount) ?? "undefined"}`,
    );
  if (!isValidId(to))
    refuse("invalid_argument", `recipient ${JSON.stringify(to)} is not a valid id`);
  if (!hasWallet(world, to))
    refuse("not_found", `recipient ${to} does not exist; create the principal or artifact first`);
  if (amount === 0) return;
  const balance = world.storage.getBalance(from);
  if (balance < amount) {
    refuse(
      "insufficient_funds",
      `${from} has ${balance} scrip but needs ${amount}; get more scrip or lower the amount`,
      {
        balance,
        needed: amount,
      },
    );
  }
  // Checked before the self-transfer no-op, so moving scrip one does not have always fails.
  if (from === to) return;
  world.storage.setBalance(from, balance - amount);
  world.storage.setBalance(to, world.storage.getBalance(to) + amount);
  const data: { [key: string]: JsonValue } = { from, to, amount, reason: move.reason };
  tx.append({
    type: "scrip.transferred",
    actor: move.actor ?? from,
    target: to,
    data,
  });
}

/** Creates scrip out of nothing (operator only) and logs `scrip.minted`. */
export function mintScrip(world: StorageFacet, tx: Tx, to: string, amount: unknown): void {
  if (!isAmount(amount) || amount === 0)
    refuse("invalid_argument", "mint amount must be a positive safe integer");
  if (!hasWallet(world, to))
    refuse("not_found", `${to} does not exist; create the principal first`);
  const total = totalMinted(world);
  if (!Number.isSafeInteger(total + amount))
    refuse("invalid_argument", "minting this much would exceed the safe integer range of scrip");
  world.storage.setMeta("total_minted", String(total + amount));
  world.storage.setBalance(to, world.storage.getBalance(to) + amount);
  tx.append({
    type: "scrip.minted",
    actor: OPERATOR,
    target: to,
    data: { to, amount },
  });
}

/** All scrip ever minted. */
export function totalMinted(world: StorageFacet): number {
  return Number(world.storage.getMeta("total_minted") ?? "0");
}

/**
 * Checks the conservation invariant: the sum of balances equals the total minted.
 *
 * @throws {KernelError} `invariant_broken` when it does not hold.
 */
export function assertConservation(world: StorageFacet): void {
  let sum = 0;
  for (const [, amount] of world.storage.allBalances()) {
    if (amount < 0) throw new KernelError("invariant_broken", "a balance is negative");
    sum += amount;
  }
  const minted = totalMinted(world);
  if (sum !== minted)
    throw new KernelError("invariant_broken", `balances sum to ${sum} but ${minted} were minted`);
}
