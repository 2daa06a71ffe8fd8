import { join } from "node:path";
import type { Kernel } from "@ecology/kernel";
import { beforeEach, describe, expect, it } from "vitest";
import {
  balancesOf,
  deployFile,
  errorCode,
  eventData,
  eventTypes,
  kernelWith,
  ok,
  totalScrip,
} from "./test-kit.js";

const here = import.meta.dirname;
const MINTED = 200 + 200 + 200 + 100;
let k: Kernel;

const owner = (id: string) => k.getArtifact(id)?.owner;

beforeEach(async () => {
  k = await kernelWith({ seller: 200, buyer: 200, judge: 200, other: 100 });
  ok(k.write("seller", "parser", { code: "a very good parser" }));
});

describe("trustless trading through genesis_escrow", () => {
  it("deposits, discovers, purchases atomically", () => {
    const deposited = k.invoke("seller", "genesis_escrow", "deposit", ["parser", 50]);
    expect(ok(deposited)).toMatchObject({
      artifactId: "parser",
      seller: "seller",
      price: 50,
      status: "active",
    });
    expect(eventTypes(deposited)).toContain("escrow.deposited");
    expect(owner("parser")).toBe("genesis_escrow");
    // Custody is ownership: the seller can no longer change or give away what is listed.
    expect(errorCode(k.write("seller", "parser", { code: "swapped" }))).toBe("not_authorized");

    const listings = ok(k.invoke("buyer", "genesis_escrow", "listActive", [{}])) as {
      listings: unknown[];
    };
    expect(listings.listings).toHaveLength(1);
    const found = ok(
      k.invoke("buyer", "genesis_store", "query", ["artifacts", { nameContains: "pars" }]),
    );
    expect(found).toEqual([expect.objectContaining({ id: "parser", owner: "genesis_escrow" })]);

    const bought = k.invoke("buyer", "genesis_escrow", "purchase", ["parser"]);
    expect(ok(bought)).toMatchObject({ status: "completed", buyer: "buyer" });
    expect(eventData(bought, "escrow.purchased")).toEqual({
      seller: "seller",
      buyer: "buyer",
      price: 50,
    });
    expect(owner("parser")).toBe("buyer");
    expect(balancesOf(k, "seller", "buyer")).toEqual({ seller: 250, buyer: 150 });
    expect(totalScrip(k)).toBe(MINTED);
  });

  it("lets only the seller cancel, returning the artifact", () => {
    ok(k.invoke("seller", "genesis_escrow", "deposit", ["parser", 50]));
    expect(errorCode(k.invoke("other", "genesis_escrow", "cancel", ["parser"]))).toBe(
      "not_authorized",
    );
    const cancelled = k.invoke("seller", "genesis_escrow", "cancel", ["parser"]);
    expect(ok(cancelled)).toMatchObject({ status: "cancelled" });
    expect(eventTypes(cancelled)).toContain("escrow.cancelled");
    expect(owner("parser")).toBe("seller");
    expect(errorCode(k.invoke("buyer", "genesis_escrow", "purchase", ["parser"]))).toBe(
      "invalid_state",
    );
    expect(balancesOf(k, "seller", "buyer")).toEqual({ seller: 200, buyer: 200 });
  });

  it("refuses a purchase the buyer cannot afford and moves nothing", () => {
    ok(k.invoke("seller", "genesis_escrow", "deposit", ["parser", 150]));
    expect(errorCode(k.invoke("other", "genesis_escrow", "purchase", ["parser"]))).toBe(
      "insufficient_funds",
    );
    expect(owner("parser")).toBe("genesis_escrow");
    expect(balancesOf(k, "seller", "other")).toEqual({ seller: 200, other: 100 });
  });

  it("runs the seed's buyer agent: check the listing, buy only within budget", async () => {
    await deployFile(k, "buyer", join(here, "buyer-agent.ts"), { id: "agent" });
    ok(k.invoke("buyer", "genesis_ledger", "transfer", ["agent", 60]));
    ok(k.invoke("seller", "genesis_escrow", "deposit", ["parser", 50]));
    expect(ok(k.invoke("buyer", "agent", "listings", []))).toHaveLength(1);
    expect(ok(k.invoke("buyer", "agent", "buy", ["parser", 40]))).toEqual({
      bought: false,
      reason: "price 50 > 40",
    });
    expect(ok(k.invoke("buyer", "agent", "buy", ["parser", 50]))).toMatchObject({ bought: true });
    expect(owner("parser")).toBe("agent");
    ok(k.invoke("buyer", "agent", "handOver", ["parser", "buyer"]));
    expect(owner("parser")).toBe("buyer");
    expect(balancesOf(k, "agent", "seller", "buyer")).toEqual({
      agent: 10,
      seller: 250,
      buyer: 140,
    });
  });
});

describe("escrow with arbitration", () => {
  beforeEach(async () => {
    await deployFile(k, "seller", join(here, "arbitrated-escrow.ts"), {
      id: "deal",
      args: ["judge", "parser", 80],
    });
    ok(k.transferOwnership("seller", "parser", "deal"));
  });

  it("runs deposit, accept (funds attached), complete", () => {
    expect(ok(k.invoke("seller", "deal", "deposit", []))).toMatchObject({
      status: "awaiting_buyer",
    });
    const accepted = k.invoke("buyer", "deal", "accept", [], { value: 80 });
    expect(ok(accepted)).toMatchObject({ status: "in_progress", buyer: "buyer" });
    expect(eventTypes(accepted)).toContain("contract.deal.accepted");
    expect(balancesOf(k, "buyer", "deal")).toEqual({ buyer: 120, deal: 80 });
    expect(errorCode(k.invoke("seller", "deal", "complete", []))).toBe("not_authorized");
    const completed = k.invoke("buyer", "deal", "complete", []);
    expect(ok(completed)).toMatchObject({ status: "complete" });
    expect(eventData(completed, "contract.deal.completed")).toEqual({
      seller: "seller",
      buyer: "buyer",
      price: 80,
    });
    expect(owner("parser")).toBe("buyer");
    expect(balancesOf(k, "seller", "buyer", "deal")).toEqual({ seller: 280, buyer: 120, deal: 0 });
    expect(totalScrip(k)).toBe(MINTED);
  });

  it("runs dispute and resolve; only the arbitrator resolves", () => {
    ok(k.invoke("seller", "deal", "deposit", []));
    ok(k.invoke("buyer", "deal", "accept", [], { value: 80 }));
    expect(errorCode(k.invoke("other", "deal", "dispute", ["not a party"]))).toBe("not_authorized");
    expect(ok(k.invoke("buyer", "deal", "dispute", ["parser crashes"]))).toMatchObject({
      status: "disputed",
    });
    expect(errorCode(k.invoke("buyer", "deal", "resolve", ["buyer"]))).toBe("not_authorized");
    expect(errorCode(k.invoke("seller", "deal", "resolve", ["seller"]))).toBe("not_authorized");
    const resolved = k.invoke("judge", "deal", "resolve", ["buyer"]);
    expect(ok(resolved)).toMatchObject({ status: "resolved", winner: "buyer" });
    expect(eventData(resolved, "contract.deal.resolved")).toMatchObject({
      winner: "buyer",
      loser: "seller",
    });
    expect(owner("parser")).toBe("seller");
    expect(balancesOf(k, "seller", "buyer", "deal", "judge")).toEqual({
      seller: 200,
      buyer: 200,
      deal: 0,
      judge: 200,
    });
    expect(errorCode(k.invoke("judge", "deal", "resolve", ["seller"]))).toBe("invalid_state");
  });

  it("refuses an accept without exactly the price attached, and a deposit of an artifact it does not hold", async () => {
    expect(errorCode(k.invoke("buyer", "deal", "accept", []))).toBe("invalid_state");
    ok(k.invoke("seller", "deal", "deposit", []));
    expect(errorCode(k.invoke("buyer", "deal", "accept", []))).toBe("invalid_argument");
    expect(errorCode(k.invoke("buyer", "deal", "accept", [], { value: 79 }))).toBe(
      "invalid_argument",
    );
    expect(balancesOf(k, "buyer", "deal")).toEqual({ buyer: 200, deal: 0 });

    await deployFile(k, "seller", join(here, "arbitrated-escrow.ts"), {
      id: "deal2",
      args: ["judge", "nothing", 5],
    });
    ok(k.write("other", "nothing", 1));
    expect(errorCode(k.invoke("seller", "deal2", "deposit", []))).toBe("invalid_state");
  });

  it("lets the seller cancel before a buyer accepts, and get the artifact back", () => {
    ok(k.invoke("seller", "deal", "deposit", []));
    expect(errorCode(k.invoke("buyer", "deal", "cancel", []))).toBe("not_authorized");
    expect(ok(k.invoke("seller", "deal", "cancel", []))).toMatchObject({ status: "cancelled" });
    expect(owner("parser")).toBe("seller");
  });
});
