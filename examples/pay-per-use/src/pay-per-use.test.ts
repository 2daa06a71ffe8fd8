import { join } from "node:path";
import {
  createTestKernel,
  type PrincipalHandle,
  snapshotCosts,
  type TestKernel,
} from "@ecology/testing";
import "@ecology/testing/vitest";
import { beforeEach, describe, expect, it } from "vitest";

const quotes = [
  { symbol: "ECO", price: 120 },
  { symbol: "SCR", price: 90 },
];
// The test kit checks after every call below that no scrip was created or lost.
let k: TestKernel;
let provider: PrincipalHandle;
let consumer: PrincipalHandle;
let broke: PrincipalHandle;

beforeEach(async () => {
  k = await createTestKernel();
  ({ provider, consumer, broke } = k.principals({ provider: 100, consumer: 40, broke: 3 }));
  await k.deploy("./src/market-data.ts", {
    owner: provider,
    id: "market",
    args: [quotes],
    policy: { invokePrice: 5 },
  });
});

describe("pay-per-use example", () => {
  it("bills the base price automatically, provider paid before the method runs", () => {
    const summary = consumer.invoke("market", "summary");
    expect(summary).toHaveProperty("result", { count: 2, average: 105 });
    expect(summary).toHaveProperty("cost.price", 5);
    expect(summary).toEmit("scrip.transferred", { from: "consumer", to: "provider", amount: 5 });
    expect(summary).toEmit("contract.service.used");
    expect(k.balances()).toMatchObject({ provider: 105, consumer: 35 });
  });

  it("charges each tier its own price", () => {
    expect(consumer.invoke("market", "detailed")).toSucceed();
    expect(k.balances()).toMatchObject({ provider: 110, consumer: 30 });
    expect(consumer.invoke("market", "premium", ["ECO"])).toHaveProperty("result", {
      symbol: "ECO",
      price: 120,
      spread: 1.2,
    });
    expect(k.balances()).toMatchObject({ provider: 135, consumer: 5 });
    expect(provider.invoke("market", "usage")).toHaveProperty("result", {
      uses: { consumer: 2 },
      total: 2,
    });
  });

  it("runs nothing when the caller cannot pay", () => {
    expect(broke.invoke("market", "summary")).toFailWith("insufficient_funds");
    expect(k.balances()).toMatchObject({ provider: 100, broke: 3 });
    expect(provider.invoke("market", "usage")).toHaveProperty("result", { uses: {}, total: 0 });
  });

  it("refunds the price when the method itself fails (rolled back)", () => {
    expect(consumer.invoke("market", "premium", ["NOPE"])).toFailWith("not_found");
    expect(k.balances()).toMatchObject({ provider: 100, consumer: 40 });
  });

  it("lets a consumer contract pay from its own wallet and handle a refusal as a value", async () => {
    await k.deploy("./src/consumer.ts", { owner: consumer, id: "analyst", args: ["market"] });
    expect(consumer.invoke("analyst", "analyze")).toHaveProperty("result", {
      error: "insufficient_funds",
    });
    expect(consumer.transfer("analyst", 12)).toSucceed();
    expect(consumer.invoke("analyst", "analyze")).toHaveProperty("result", {
      trend: "up",
      basedOn: 2,
    });
    expect(k.balances()).toMatchObject({ analyst: 7, provider: 105, consumer: 28 });
  });

  it("lets only the provider publish", () => {
    expect(consumer.invoke("market", "publish", [[]])).toFailWith("not_authorized");
    expect(provider.invoke("market", "publish", [[{ symbol: "NEW", price: 1 }]])).toSucceed();
    expect(consumer.invoke("market", "summary")).toHaveProperty("result", {
      count: 1,
      average: 1,
    });
  });
});

describe("pay-per-use costs", () => {
  it("keeps every method's compute and price within 10 % of the checked-in costs.json", async () => {
    k.mint(consumer, 100); // enough for one call of every tier
    await k.deploy("./src/consumer.ts", { owner: consumer, id: "analyst", args: ["market"] });
    expect(consumer.transfer("analyst", 5)).toSucceed();
    for (const method of ["summary", "detailed", "usage"])
      expect(consumer.invoke("market", method)).toSucceed();
    expect(consumer.invoke("market", "premium", ["SCR"])).toSucceed();
    expect(provider.invoke("market", "publish", [quotes])).toSucceed();
    expect(consumer.invoke("analyst", "analyze")).toSucceed();
    // Locally this rewrites src/costs.json (commit it); with CI=true it fails on a change > 10 %.
    snapshotCosts(join(import.meta.dirname, "costs.json"), k.costs());
    expect(Object.keys(k.costs()).sort()).toEqual([
      "consumer.analyze",
      "genesis_ledger.transfer",
      "market-data.detailed",
      "market-data.premium",
      "market-data.publish",
      "market-data.summary",
      "market-data.usage",
    ]);
  });
});
