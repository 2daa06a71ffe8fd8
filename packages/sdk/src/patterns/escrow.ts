import type { ContextBase } from "../ctx.js";
import { type EscrowListing, genesis } from "../genesis.js";
import { requireCaller, requirePositiveAmount, requireValue } from "./guards.js";

/** Where an arbitrated deal stands. */
export type DealStatus =
  | "open"
  | "awaiting_buyer"
  | "in_progress"
  | "disputed"
  | "complete"
  | "resolved"
  | "cancelled";

/** The arbitrated-escrow slice: one deal between a seller and a buyer, with an arbitrator. */
export interface DealState {
  seller: string;
  arbitrator: string;
  artifactId: string;
  price: number;
  buyer: string | null;
  status: DealStatus;
  /** Who won the dispute, once resolved. */
  winner: "buyer" | "seller" | null;
}

/**
 * A new deal: `seller` will deposit `artifactId` for `price`; `arbitrator` settles disputes.
 *
 * @example
 * ```ts
 * init: (ctx, arbitrator: string, artifactId: string, price: number) =>
 *   ({ deal: createDeal(ctx.caller, arbitrator, artifactId, price) })
 * ```
 */
export function createDeal(
  seller: string,
  arbitrator: string,
  artifactId: string,
  price: number,
): DealState {
  return { seller, arbitrator, artifactId, price, buyer: null, status: "open", winner: null };
}

function requireStatus(ctx: ContextBase, deal: DealState, ...wanted: DealStatus[]): void {
  if (!wanted.includes(deal.status)) {
    ctx.fail(
      "invalid_state",
      `the deal is ${deal.status}; this needs it to be ${wanted.join(" or ")}`,
    );
  }
}

/** Does this contract own `artifactId` right now? (Read through discovery, as itself.) */
export function ownsArtifact(ctx: ContextBase, artifactId: string): boolean {
  const found = ctx.query("artifacts", { owner: ctx.self, nameContains: artifactId, limit: 1000 });
  return found.some(
    (a) => typeof a === "object" && a !== null && (a as { id?: unknown }).id === artifactId,
  );
}

/**
 * The seller confirms the deposit. The seller must first give the artifact to this contract
 * (`transferOwnership(artifactId, <this contract>)`): custody is ownership, so from then on
 * the seller can no longer sell or change it.
 *
 * @throws (via `ctx.fail`) `not_authorized` for anyone but the seller, `invalid_state` if the
 * contract does not own the artifact yet.
 */
export function depositItem(ctx: ContextBase, deal: DealState): DealState {
  requireCaller(ctx, deal.seller, "only the seller deposits");
  requireStatus(ctx, deal, "open");
  if (!ownsArtifact(ctx, deal.artifactId)) {
    ctx.fail("invalid_state", `transfer ${deal.artifactId} to ${ctx.self} first, then deposit`);
  }
  deal.status = "awaiting_buyer";
  ctx.emit("deal.deposited", {
    seller: deal.seller,
    artifactId: deal.artifactId,
    price: deal.price,
  });
  return deal;
}

/**
 * A buyer accepts with the price attached to the call; the funds stay in this contract until
 * the deal completes or the arbitrator resolves it.
 *
 * @throws (via `ctx.fail`) `invalid_argument` unless exactly the price is attached.
 */
export function acceptDeal(ctx: ContextBase, deal: DealState): DealState {
  requireStatus(ctx, deal, "awaiting_buyer");
  if (ctx.caller === deal.seller)
    ctx.fail("invalid_argument", "the seller cannot buy their own deal");
  requireValue(ctx, deal.price, "accept with withValue(price) or { value: price }");
  deal.buyer = ctx.caller;
  deal.status = "in_progress";
  ctx.emit("deal.accepted", { buyer: ctx.caller, seller: deal.seller, price: deal.price });
  return deal;
}

function settle(ctx: ContextBase, deal: DealState, winner: "buyer" | "seller"): void {
  const buyer = deal.buyer as string;
  if (winner === "seller") {
    ctx.transfer(deal.seller, deal.price);
    ctx.transferOwnership(deal.artifactId, buyer);
  } else {
    ctx.transfer(buyer, deal.price);
    ctx.transferOwnership(deal.artifactId, deal.seller);
  }
}

/**
 * The buyer confirms delivery: the price goes to the seller and the artifact to the buyer.
 *
 * @throws (via `ctx.fail`) `not_authorized` for anyone but the buyer.
 */
export function completeDeal(ctx: ContextBase, deal: DealState): DealState {
  requireStatus(ctx, deal, "in_progress");
  requireCaller(ctx, deal.buyer ?? [], "only the buyer confirms delivery");
  settle(ctx, deal, "seller");
  deal.status = "complete";
  ctx.emit("deal.completed", { seller: deal.seller, buyer: deal.buyer, price: deal.price });
  return deal;
}

/** Either party disputes an accepted deal; only the arbitrator can settle it afterwards. */
export function disputeDeal(ctx: ContextBase, deal: DealState, reason: string): DealState {
  requireStatus(ctx, deal, "in_progress");
  requireCaller(
    ctx,
    [deal.seller, deal.buyer ?? deal.seller],
    "only the buyer or the seller can dispute",
  );
  deal.status = "disputed";
  ctx.emit("deal.disputed", { by: ctx.caller, reason, arbitrator: deal.arbitrator });
  return deal;
}

/**
 * The arbitrator settles a dispute: `"seller"` wins → price to the seller, artifact to the
 * buyer; `"buyer"` wins → refund to the buyer, artifact back to the seller.
 *
 * @throws (via `ctx.fail`) `not_authorized` for anyone but the arbitrator.
 */
export function resolveDeal(
  ctx: ContextBase,
  deal: DealState,
  winner: "buyer" | "seller",
): DealState {
  requireCaller(ctx, deal.arbitrator, "only the arbitrator resolves disputes");
  requireStatus(ctx, deal, "disputed");
  if (winner !== "buyer" && winner !== "seller")
    ctx.fail("invalid_argument", 'winner must be "buyer" or "seller"');
  settle(ctx, deal, winner);
  deal.status = "resolved";
  deal.winner = winner;
  const loser = winner === "buyer" ? deal.seller : deal.buyer;
  ctx.emit("deal.resolved", {
    winner,
    loser,
    seller: deal.seller,
    buyer: deal.buyer,
    arbitrator: deal.arbitrator,
  });
  return deal;
}

/** The seller takes the artifact back before any buyer accepted. */
export function cancelDeal(ctx: ContextBase, deal: DealState): DealState {
  requireCaller(ctx, deal.seller, "only the seller cancels");
  requireStatus(ctx, deal, "open", "awaiting_buyer");
  if (deal.status === "awaiting_buyer") ctx.transferOwnership(deal.artifactId, deal.seller);
  deal.status = "cancelled";
  ctx.emit("deal.cancelled", { seller: deal.seller });
  return deal;
}

/**
 * Buys a `genesis_escrow` listing as this contract if it costs at most `maxPrice` and the
 * contract can afford it — the seed's buyer agent. Returns the listing bought, or why not.
 *
 * @example
 * ```ts
 * buy(ctx, id: string, max: number) { return buyListing(ctx, id, max); }
 * ```
 */
export function buyListing(
  ctx: ContextBase,
  artifactId: string,
  maxPrice: number,
): { bought: true; listing: EscrowListing } | { bought: false; reason: string } {
  requirePositiveAmount(ctx, maxPrice, "maxPrice");
  const listing = ctx.invoke(genesis.escrow, "check", artifactId);
  if (!listing.success) return { bought: false, reason: listing.error.message };
  if (listing.result.status !== "active")
    return { bought: false, reason: `listing is ${listing.result.status}` };
  if (listing.result.price > maxPrice)
    return { bought: false, reason: `price ${listing.result.price} > ${maxPrice}` };
  if (listing.result.price > ctx.balance()) return { bought: false, reason: "cannot afford it" };
  return { bought: true, listing: ctx.call(genesis.escrow, "purchase", artifactId) };
}
