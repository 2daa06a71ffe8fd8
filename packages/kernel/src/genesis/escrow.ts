import { changeOwner, loadLive } from "../artifacts.js";
import { transferScrip } from "../ledger.js";
import { refuse } from "../refusal.js";
import type { ListingRow } from "../storage/storage.js";
import type { JsonValue } from "../types.js";
import { isAmount, isValidId } from "../validate.js";
import { ESCROW_ID } from "../world.js";
import { type GenesisArtifact, type GenesisCall, genesisInfo } from "./genesis-artifact.js";
import { listingJson } from "./store.js";

function listingOf({ world }: GenesisCall, artifactId: unknown): ListingRow {
  if (!isValidId(artifactId)) refuse("invalid_argument", "artifactId must be a valid artifact id");
  const l = world.storage.getListing(artifactId);
  if (!l)
    refuse("not_found", `${artifactId} has no escrow listing; the seller must deposit it first`);
  return l;
}

function deposit(call: GenesisCall, [artifactId, price, buyer]: JsonValue[]): JsonValue {
  const { world, tx, caller } = call;
  const row = loadLive(world, artifactId);
  if (row.kind === "genesis") refuse("invalid_argument", "genesis artifacts cannot be sold");
  const existing = world.storage.getListing(row.id);
  if (existing?.status === "active")
    refuse(
      "conflict",
      `${row.id} is already listed by ${existing.seller}; cancel that listing before re-listing`,
    );
  if (row.owner !== caller)
    refuse("not_authorized", `only the owner (${row.owner}) can deposit ${row.id}`, {
      owner: row.owner,
    });
  if (!isAmount(price))
    refuse(
      "invalid_argument",
      `price must be a non-negative safe integer, got ${JSON.stringify(price)}`,
    );
  if (buyer !== undefined && buyer !== null) {
    if (!isValidId(buyer)) refuse("invalid_argument", "buyer must be a valid principal id");
    if (buyer === caller) refuse("invalid_argument", "the buyer cannot be the seller");
  }
  changeOwner(world, tx, caller, row.id, ESCROW_ID, true);
  const listing: ListingRow = {
    artifactId: row.id,
    seller: caller,
    price,
    buyer: typeof buyer === "string" ? buyer : null,
    status: "active",
    createdAt: tx.now,
    closedAt: null,
  };
  world.storage.putListing(listing);
  tx.append({
    type: "escrow.deposited",
    actor: caller,
    target: row.id,
    data: { seller: caller, price, buyer: listing.buyer },
  });
  return listingJson(listing);
}

function purchase(call: GenesisCall, [artifactId]: JsonValue[]): JsonValue {
  const { world, tx, caller } = call;
  const l = listingOf(call, artifactId);
  if (l.status !== "active")
    refuse(
      "invalid_state",
      `the listing of ${l.artifactId} is ${l.status}; look for active listings with listActive`,
    );
  if (l.buyer !== null && l.buyer !== caller)
    refuse("not_authorized", `${l.artifactId} is reserved for buyer ${l.buyer}`);
  if (l.seller === caller)
    refuse("invalid_argument", `you are the seller of ${l.artifactId}; use cancel to take it back`);
  const balance = world.storage.getBalance(caller);
  if (balance < l.price) {
    refuse(
      "insufficient_funds",
      `${l.artifactId} costs ${l.price} but ${caller} has ${balance}; get more scrip first`,
      { balance, needed: l.price },
    );
  }
  transferScrip(world, tx, {
    from: caller,
    to: l.seller,
    amount: l.price,
    reason: `purchase ${l.artifactId}`,
  });
  changeOwner(world, tx, ESCROW_ID, l.artifactId, caller, true);
  const done: ListingRow = { ...l, buyer: caller, status: "completed", closedAt: tx.now };
  world.storage.putListing(done);
  tx.append({
    type: "escrow.purchased",
    actor: caller,
    target: l.artifactId,
    data: { seller: l.seller, buyer: caller, price: l.price },
  });
  return listingJson(done);
}

function cancel(call: GenesisCall, [artifactId]: JsonValue[]): JsonValue {
  const { world, tx, caller } = call;
  const l = listingOf(call, artifactId);
  if (l.status !== "active")
    refuse("invalid_state", `the listing of ${l.artifactId} is already ${l.status}`);
  if (l.seller !== caller)
    refuse(
      "not_authorized",
      `only the seller (${l.seller}) can cancel the listing of ${l.artifactId}`,
    );
  changeOwner(world, tx, ESCROW_ID, l.artifactId, l.seller, true);
  const done: ListingRow = { ...l, status: "cancelled", closedAt: tx.now };
  world.storage.putListing(done);
  tx.append({
    type: "escrow.cancelled",
    actor: caller,
    target: l.artifactId,
    data: { seller: l.seller, price: l.price },
  });
  return listingJson(done);
}

function listActive({ world }: GenesisCall, [options]: JsonValue[]): JsonValue {
  const o = (options ?? {}) as { limit?: unknown; offset?: unknown };
  const limit = o.limit ?? 100;
  const offset = o.offset ?? 0;
  if (!Number.isInteger(limit) || (limit as number) < 1 || (limit as number) > 1000)
    refuse("invalid_argument", "limit must be an integer from 1 to 1000");
  if (!Number.isInteger(offset) || (offset as number) < 0)
    refuse("invalid_argument", "offset must be a non-negative integer");
  const rows = world.storage.queryListings({
    status: "active",
    seller: null,
    limit: (limit as number) + 1,
    offset: offset as number,
  });
  const more = rows.length > (limit as number);
  const listings = rows.slice(0, limit as number).map(listingJson);
  return { listings, next: more ? (offset as number) + (limit as number) : null };
}

/** `genesis_escrow`: trustless sales; custody is ownership while listed. */
export const genesisEscrow: GenesisArtifact = {
  ...genesisInfo("genesis_escrow"),
  methods: {
    deposit,
    purchase,
    cancel,
    check: (call, [artifactId]) => listingJson(listingOf(call, artifactId)),
    listActive,
  },
};
