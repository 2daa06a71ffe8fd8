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
const MINTED = 100 + 40 + 3;
const quotes = [
  { symbol: "ECO", price: 120 },
  { symbol: "SCR", price: 90 },
];
let k: Kernel;

beforeEach(async () => {
  k = await kernelWith({ provider: 100, consumer: 40, broke: 3 });
  await deployFile(k, "provider", join(here, "market-data.ts"), {
    id: "market",
    args: [quotes],
    policy: { invokePrice: 5 },
  });
});

describe("pay-per-use example", () => {
  it("bills the base price automatically, provider paid before the method runs", () => {
    const summary = k.invoke("consumer", "market", "summary", []);
    expect(ok(summary)).toEqual({ count: 2, average: 105 });
    expect(summary.success && summary.cost.price).toBe(5);
    expect(eventData(summary, "scrip.transferred")).toMatchObject({
      from: "consumer",
      to: "provider",
      amount: 5,
    });
    expect(eventTypes(summary)).toContain("contract.service.used");
    expect(balancesOf(k, "provider", "consumer")).toEqual({ provider: 105, consumer: 35 });
    expect(totalScrip(k)).toBe(MINTED);
  });

  it("charges each tier its own price", () => {
    ok(k.invoke("consumer", "market", "detailed", []));
    expect(balancesOf(k, "provider", "consumer")).toEqual({ provider: 110, consumer: 30 });
    expect(ok(k.invoke("consumer", "market", "premium", ["ECO"]))).toEqual({
      symbol: "ECO",
      price: 120,
      spread: 1.2,
    });
    expect(balancesOf(k, "provider", "consumer")).toEqual({ provider: 135, consumer: 5 });
    expect(ok(k.invoke("provider", "market", "usage", []))).toEqual({
      uses: { consumer: 2 },
      total: 2,
    });
  });

  it("runs nothing when the caller cannot pay", () => {
    const refused = k.invoke("broke", "market", "summary", []);
    expect(errorCode(refused)).toBe("insufficient_funds");
    expect(balancesOf(k, "provider", "broke")).toEqual({ provider: 100, broke: 3 });
    expect(ok(k.invoke("provider", "market", "usage", []))).toEqual({ uses: {}, total: 0 });
  });

  it("refunds the price when the method itself fails (rolled back)", () => {
    expect(errorCode(k.invoke("consumer", "market", "premium", ["NOPE"]))).toBe("not_found");
    expect(balancesOf(k, "provider", "consumer")).toEqual({ provider: 100, consumer: 40 });
  });

  it("lets a consumer contract pay from its own wallet and handle a refusal as a value", async () => {
    await deployFile(k, "consumer", join(here, "consumer.ts"), { id: "analyst", args: ["market"] });
    expect(ok(k.invoke("consumer", "analyst", "analyze", []))).toEqual({
      error: "insufficient_funds",
    });
    ok(k.invoke("consumer", "genesis_ledger", "transfer", ["analyst", 12]));
    expect(ok(k.invoke("consumer", "analyst", "analyze", []))).toEqual({ trend: "up", basedOn: 2 });
    expect(balancesOf(k, "analyst", "provider", "consumer")).toEqual({
      analyst: 7,
      provider: 105,
      consumer: 28,
    });
    expect(totalScrip(k)).toBe(MINTED);
  });

  it("lets only the provider publish", () => {
    expect(errorCode(k.invoke("consumer", "market", "publish", [[]]))).toBe("not_authorized");
    ok(k.invoke("provider", "market", "publish", [[{ symbol: "NEW", price: 1 }]]));
    expect(ok(k.invoke("consumer", "market", "summary", []))).toEqual({ count: 1, average: 1 });
  });
});
