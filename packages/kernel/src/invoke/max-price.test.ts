import { beforeEach, describe, expect, it } from "vitest";
import type { Kernel } from "../kernel.js";
import {
  contract,
  fingerprint,
  mustDeploy,
  SERVICE,
  testKernel,
} from "../test-fixtures/contracts.js";

/** Calls a target with the trailing options object the SDK's withValue/withOptions build. */
const BUYER = contract(
  `module.exports = { default: { methods: {
    buy(ctx, target, method, options) {
      return ctx.invoke(target, method, Object.assign({ __ecologyOptions: true }, options));
    },
    mustBuy(ctx, target, method, options) {
      return ctx.call(target, method, Object.assign({ __ecologyOptions: true }, options));
    },
  } } };`,
  { methods: { buy: 3, mustBuy: 3 } },
);

let k: Kernel;

beforeEach(async () => {
  k = await testKernel();
  k.createPrincipal("alice", { scrip: 100 });
  k.createPrincipal("bob", { scrip: 100 });
  mustDeploy(k, "alice", "svc", SERVICE);
  mustDeploy(k, "bob", "buyer", BUYER);
  k.mint("buyer", 50);
});

describe("invoke maxPrice", () => {
  it("runs when the price is within maxPrice", () => {
    expect(k.invoke("bob", "svc", "premium", [], { maxPrice: 20 })).toMatchObject({
      success: true,
      cost: { price: 20 },
    });
    expect(k.balance("bob")).toBe(80);
  });

  it("refuses with conflict, paying and running nothing, when the owner raised the price", () => {
    expect(k.setPolicy("alice", "svc", { methodPrices: { premium: 30 } }).success).toBe(true);
    const before = fingerprint(k);
    const env = k.invoke("bob", "svc", "premium", [], { maxPrice: 20 });
    expect(env).toMatchObject({
      success: false,
      error: { code: "conflict", details: { price: 30, maxPrice: 20 } },
    });
    expect(!env.success && env.error.message).toMatch(/30.*20/);
    expect(fingerprint(k)).toBe(before);
  });

  it("is checked before funds, so a poor caller also hears about the price", () => {
    k.createPrincipal("carol", { scrip: 1 });
    expect(k.invoke("carol", "svc", "premium", [], { maxPrice: 5 })).toMatchObject({
      error: { code: "conflict", details: { price: 20, maxPrice: 5 } },
    });
  });

  it("refuses a maxPrice that is not scrip", () => {
    for (const maxPrice of [-1, 1.5, Number.NaN, "20" as unknown as number]) {
      expect(k.invoke("bob", "svc", "premium", [], { maxPrice })).toMatchObject({
        error: { code: "invalid_argument" },
      });
    }
    expect(k.balance("bob")).toBe(100);
  });

  it("guards nested calls: ctx.invoke gets a conflict envelope and the contract pays nothing", () => {
    const env = k.invoke("bob", "buyer", "buy", ["svc", "premium", { maxPrice: 19 }]);
    expect(env).toMatchObject({
      success: true,
      result: {
        success: false,
        error: {
          code: "conflict",
          details: { price: 20, maxPrice: 19 },
          path: [
            { artifact: "buyer", method: "buy" },
            { artifact: "svc", method: "premium" },
          ],
        },
      },
    });
    expect(k.balance("buyer")).toBe(50);
    expect(k.invoke("bob", "buyer", "buy", ["svc", "premium", { maxPrice: 20 }])).toMatchObject({
      result: { success: true, result: "premium" },
    });
    expect(k.balance("buyer")).toBe(30);
  });

  it("guards nested calls with value attached, and ctx.call rethrows the conflict", () => {
    const env = k.invoke("bob", "buyer", "mustBuy", ["svc", "premium", { value: 5, maxPrice: 1 }]);
    expect(env).toMatchObject({ success: false, error: { code: "conflict" } });
    expect(k.balance("buyer")).toBe(50);
    expect(k.invoke("bob", "buyer", "buy", ["svc", "premium", { maxPrice: -3 }])).toMatchObject({
      result: { success: false, error: { code: "invalid_argument" } },
    });
  });
});
