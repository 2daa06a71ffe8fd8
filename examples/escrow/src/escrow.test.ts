import { createTestKernel, type PrincipalHandle, type TestKernel } from "@ecology/testing";
import "@ecology/testing/vitest";
import { beforeEach, describe, expect, it } from "vitest";

// Every call below goes through the test kit, which checks after each one that no scrip was
// created or lost and that every artifact has exactly one existing owner (escrow custody included).
let k: TestKernel;
let seller: PrincipalHandle;
let buyer: PrincipalHandle;
let judge: PrincipalHandle;
let other: PrincipalHandle;

const owner = (id: string) => k.kernel.getArtifact(id)?.owner;

beforeEach(async () => {
  k = await createTestKernel();
  ({ seller, buyer, judge, other } = k.principals({
    seller: 200,
    buyer: 200,
    judge: 200,
    other: 100,
  }));
  expect(seller.write("parser", { code: "a very good parser" })).toSucceed();
});

describe("trustless trading through genesis_escrow", () => {
  it("deposits, discovers, purchases atomically", () => {
    const deposited = seller.invoke("genesis_escrow", "deposit", ["parser", 50]);
    expect(deposited).toMatchObject({
      result: { artifactId: "parser", seller: "seller", price: 50, status: "active" },
    });
    expect(deposited).toEmit("escrow.deposited");
    expect(owner("parser")).toBe("genesis_escrow");
    // Custody is ownership: the seller can no longer change or give away what is listed.
    expect(seller.write("parser", { code: "swapped" })).toFailWith("not_authorized");

    expect(buyer.invoke("genesis_escrow", "listActive", [{}])).toHaveProperty("result.listings", [
      expect.anything(),
    ]);
    expect(
      buyer.invoke("genesis_store", "query", ["artifacts", { nameContains: "pars" }]),
    ).toHaveProperty("result", [
      expect.objectContaining({ id: "parser", owner: "genesis_escrow" }),
    ]);

    const bought = buyer.invoke("genesis_escrow", "purchase", ["parser"]);
    expect(bought).toMatchObject({ result: { status: "completed", buyer: "buyer" } });
    expect(bought).toEmit("escrow.purchased", { seller: "seller", buyer: "buyer", price: 50 });
    expect(owner("parser")).toBe("buyer");
    expect(k.balances()).toMatchObject({ seller: 250, buyer: 150 });
  });

  it("lets only the seller cancel, returning the artifact", () => {
    expect(seller.invoke("genesis_escrow", "deposit", ["parser", 50])).toSucceed();
    expect(other.invoke("genesis_escrow", "cancel", ["parser"])).toFailWith("not_authorized");
    const cancelled = seller.invoke("genesis_escrow", "cancel", ["parser"]);
    expect(cancelled).toMatchObject({ result: { status: "cancelled" } });
    expect(cancelled).toEmit("escrow.cancelled");
    expect(owner("parser")).toBe("seller");
    expect(buyer.invoke("genesis_escrow", "purchase", ["parser"])).toFailWith("invalid_state");
    expect(k.balances()).toMatchObject({ seller: 200, buyer: 200 });
  });

  it("refuses a purchase the buyer cannot afford and moves nothing", () => {
    expect(seller.invoke("genesis_escrow", "deposit", ["parser", 150])).toSucceed();
    expect(other.invoke("genesis_escrow", "purchase", ["parser"])).toFailWith("insufficient_funds");
    expect(owner("parser")).toBe("genesis_escrow");
    expect(k.balances()).toMatchObject({ seller: 200, other: 100 });
  });

  it("runs the seed's buyer agent: check the listing, buy only within budget", async () => {
    await k.deploy("./src/buyer-agent.ts", { owner: buyer, id: "agent" });
    expect(buyer.transfer("agent", 60)).toSucceed();
    expect(seller.invoke("genesis_escrow", "deposit", ["parser", 50])).toSucceed();
    expect(buyer.invoke("agent", "listings")).toHaveProperty("result", [expect.anything()]);
    expect(buyer.invoke("agent", "buy", ["parser", 40])).toHaveProperty("result", {
      bought: false,
      reason: "price 50 > 40",
    });
    expect(buyer.invoke("agent", "buy", ["parser", 50])).toMatchObject({
      result: { bought: true },
    });
    expect(owner("parser")).toBe("agent");
    expect(buyer.invoke("agent", "handOver", ["parser", "buyer"])).toSucceed();
    expect(owner("parser")).toBe("buyer");
    expect(k.balances()).toMatchObject({ agent: 10, seller: 250, buyer: 140 });
  });
});

describe("escrow with arbitration", () => {
  beforeEach(async () => {
    await k.deploy("./src/arbitrated-escrow.ts", {
      owner: seller,
      id: "deal",
      args: ["judge", "parser", 80],
    });
    expect(seller.invoke("genesis_ledger", "transferOwnership", ["parser", "deal"])).toSucceed();
  });

  it("runs deposit, accept (funds attached), complete", () => {
    expect(seller.invoke("deal", "deposit")).toMatchObject({
      result: { status: "awaiting_buyer" },
    });
    const accepted = buyer.invoke("deal", "accept", [], { value: 80 });
    expect(accepted).toMatchObject({ result: { status: "in_progress", buyer: "buyer" } });
    expect(accepted).toEmit("contract.deal.accepted");
    expect(k.balances()).toMatchObject({ buyer: 120, deal: 80 });
    expect(seller.invoke("deal", "complete")).toFailWith("not_authorized");
    const completed = buyer.invoke("deal", "complete");
    expect(completed).toMatchObject({ result: { status: "complete" } });
    expect(completed).toEmit("contract.deal.completed", {
      seller: "seller",
      buyer: "buyer",
      price: 80,
    });
    expect(owner("parser")).toBe("buyer");
    expect(k.balances()).toMatchObject({ seller: 280, buyer: 120 });
    expect(k.balance("deal")).toBe(0);
  });

  it("runs dispute and resolve; only the arbitrator resolves", () => {
    expect(seller.invoke("deal", "deposit")).toSucceed();
    expect(buyer.invoke("deal", "accept", [], { value: 80 })).toSucceed();
    expect(other.invoke("deal", "dispute", ["not a party"])).toFailWith("not_authorized");
    expect(buyer.invoke("deal", "dispute", ["parser crashes"])).toMatchObject({
      result: { status: "disputed" },
    });
    expect(buyer.invoke("deal", "resolve", ["buyer"])).toFailWith("not_authorized");
    expect(seller.invoke("deal", "resolve", ["seller"])).toFailWith("not_authorized");
    const resolved = judge.invoke("deal", "resolve", ["buyer"]);
    expect(resolved).toMatchObject({ result: { status: "resolved", winner: "buyer" } });
    expect(resolved).toEmit("contract.deal.resolved", { winner: "buyer", loser: "seller" });
    expect(owner("parser")).toBe("seller");
    expect(k.balances()).toMatchObject({ seller: 200, buyer: 200, judge: 200 });
    expect(k.balance("deal")).toBe(0);
    expect(judge.invoke("deal", "resolve", ["seller"])).toFailWith("invalid_state");
  });

  it("refuses an accept without exactly the price attached, and a deposit of an artifact it does not hold", async () => {
    expect(buyer.invoke("deal", "accept")).toFailWith("invalid_state");
    expect(seller.invoke("deal", "deposit")).toSucceed();
    expect(buyer.invoke("deal", "accept")).toFailWith("invalid_argument");
    expect(buyer.invoke("deal", "accept", [], { value: 79 })).toFailWith("invalid_argument");
    expect(buyer.balance()).toBe(200);
    expect(k.balance("deal")).toBe(0);

    await k.deploy("./src/arbitrated-escrow.ts", {
      owner: seller,
      id: "deal2",
      args: ["judge", "nothing", 5],
    });
    expect(other.write("nothing", 1)).toSucceed();
    expect(seller.invoke("deal2", "deposit")).toFailWith("invalid_state");
  });

  it("lets the seller cancel before a buyer accepts, and get the artifact back", () => {
    expect(seller.invoke("deal", "deposit")).toSucceed();
    expect(buyer.invoke("deal", "cancel")).toFailWith("not_authorized");
    expect(seller.invoke("deal", "cancel")).toMatchObject({ result: { status: "cancelled" } });
    expect(owner("parser")).toBe("seller");
  });
});
