import type { EventFilter, EventPage, JsonValue } from "@ecology/protocol";
import type { Ctx, JsonObject, QueryKind } from "./ctx.js";
import { type ContractRef, contractRef } from "./refs.js";

/** A listing of `genesis_escrow`, as its methods return it. */
export interface EscrowListing {
  artifactId: string;
  seller: string;
  price: number;
  /** Only this buyer may purchase while active; after a purchase, who bought it. */
  buyer: string | null;
  status: "active" | "completed" | "cancelled";
  createdAt: number;
  closedAt: number | null;
}

/** A page of listings; `next` is the `offset` of the following page, or null at the end. */
export interface ListingPage {
  listings: EscrowListing[];
  next: number | null;
}

/** `genesis_ledger` (DESIGN.md §2.4): balances, transfers from the caller only, ownership. */
export interface GenesisLedger {
  methods: {
    transfer(
      ctx: Ctx,
      to: string,
      amount: number,
    ): { from: string; to: string; amount: number; balance: number };
    transferOwnership(
      ctx: Ctx,
      artifactId: string,
      to: string,
    ): { artifactId: string; owner: string };
  };
  views: {
    balance(ctx: Ctx, id?: string): number;
    allBalances(ctx: Ctx): { [id: string]: number };
  };
}

/** `genesis_escrow` (DESIGN.md §2.4): custody-based trustless trading. */
export interface GenesisEscrow {
  methods: {
    deposit(ctx: Ctx, artifactId: string, price: number, buyer?: string | null): EscrowListing;
    purchase(ctx: Ctx, artifactId: string): EscrowListing;
    cancel(ctx: Ctx, artifactId: string): EscrowListing;
  };
  views: {
    check(ctx: Ctx, artifactId: string): EscrowListing;
    listActive(ctx: Ctx, page?: { limit?: number; offset?: number }): ListingPage;
  };
}

/** `genesis_event_log` (DESIGN.md §2.4): indexed reads of the append-only log. */
export interface GenesisEventLog {
  views: {
    read(ctx: Ctx, filters?: EventFilter): EventPage;
    count(ctx: Ctx, filters?: EventFilter): number;
  };
}

/** `genesis_store` (DESIGN.md §2.4): discovery of artifacts, principals and listings. */
export interface GenesisStore {
  views: {
    query(ctx: Ctx, kind: QueryKind, filters?: JsonObject): JsonValue[];
  };
}

/**
 * Typed refs to the four genesis artifacts, for `ctx.call` / `ctx.invoke`. A frozen object of
 * plain id strings, safe to import into contract code.
 *
 * @example
 * ```ts
 * const page = ctx.call(genesis.eventLog, "read", { principal: who, types: ["escrow.purchased"] });
 * ```
 */
export const genesis: Readonly<{
  ledger: ContractRef<GenesisLedger>;
  escrow: ContractRef<GenesisEscrow>;
  eventLog: ContractRef<GenesisEventLog>;
  store: ContractRef<GenesisStore>;
  // Marked pure so that bundles of contracts which never use genesis refs leave it out.
}> = /* @__PURE__ */ Object.freeze({
  ledger: contractRef<GenesisLedger>("genesis_ledger"),
  escrow: contractRef<GenesisEscrow>("genesis_escrow"),
  eventLog: contractRef<GenesisEventLog>("genesis_event_log"),
  store: contractRef<GenesisStore>("genesis_store"),
});
