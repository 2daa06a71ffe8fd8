import type { EventFilter, EventPage, JsonValue } from "@ecology/kernel";
import type { Ctx, JsonObject, QueryKind } from "./ctx.js";
import { type ContractRef, contractRef } from "./refs.js";

/** A listing held by `genesis_escrow`. */
export interface EscrowListing {
  artifactId: string;
  seller: string;
  price: number;
  /** Only this buyer may purchase, when set. */
  buyer?: string | null;
  status: "active" | "completed" | "cancelled";
  [key: string]: JsonValue | undefined;
}

/** `genesis_ledger` (DESIGN.md §2.4): balances, transfers from the caller only, ownership. */
export interface GenesisLedger {
  methods: {
    balance(ctx: Ctx, id?: string): number;
    transfer(ctx: Ctx, to: string, amount: number): JsonValue;
    transferOwnership(ctx: Ctx, artifactId: string, to: string): JsonValue;
    allBalances(ctx: Ctx): { [id: string]: number };
  };
}

/** `genesis_escrow` (DESIGN.md §2.4): custody-based trustless trading. */
export interface GenesisEscrow {
  methods: {
    deposit(ctx: Ctx, artifactId: string, price: number, buyer?: string): JsonValue;
    purchase(ctx: Ctx, artifactId: string): JsonValue;
    cancel(ctx: Ctx, artifactId: string): JsonValue;
    check(ctx: Ctx, artifactId: string): EscrowListing;
    listActive(ctx: Ctx, page?: { limit?: number; offset?: number }): JsonValue;
  };
}

/** `genesis_event_log` (DESIGN.md §2.4): indexed reads of the append-only log. */
export interface GenesisEventLog {
  methods: {
    read(ctx: Ctx, filters?: EventFilter): EventPage;
    count(ctx: Ctx, filters?: EventFilter): number;
  };
}

/** `genesis_store` (DESIGN.md §2.4): discovery of artifacts, principals and listings. */
export interface GenesisStore {
  methods: {
    query(ctx: Ctx, kind: QueryKind, filters?: JsonObject): JsonValue;
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
