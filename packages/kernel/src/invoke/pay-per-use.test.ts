import { beforeEach, describe, expect, it } from "vitest";
import type { Kernel } from "../kernel.js";
import {
  fingerprint,
  mustDeploy,
  nonFailureEventCount,
  SERVICE,
  testKernel,
} from "../test-fixtures/contracts.js";

let k: Kernel;

beforeEach(async () => {
  k = await testKernel();
  k.createPrincipal("provider", { scrip: 0 });
  k.createPrincipal("consumer", { scrip: 30 });
  mustDeploy(k, "provider", "svc", SERVICE, [], { invokePrice: 5 });
});

describe("pay-per-use", () => {
  it("moves the price caller → owner", () => {
    const env = k.invoke("consumer", "svc", "basic", []);
    expect(env).toMatchObject({ success: true, result: 1, cost: { price: 5, value: 0 } });
    expect(k.balance("consumer")).toBe(25);
    expect(k.balance("provider")).toBe(5);
    k.checkInvariants();
  });

  it("lets the owner call its own artifact free", () => {
    expect(k.invoke("provider", "svc", "basic", [])).toMatchObject({
      success: true,
      cost: { price: 0 },
    });
    expect(k.balance("provider")).toBe(0);
  });

  it("applies per-method prices over invokePrice (manifest defaults and policy overrides)", () => {
    expect(k.getArtifact("svc")?.policy.methodPrices).toEqual({ premium: 20 });
    expect(k.invoke("consumer", "svc", "premium", [])).toMatchObject({
      success: true,
      cost: { price: 20 },
    });
    expect(k.balance("provider")).toBe(20);
    k.setPolicy("provider", "svc", { methodPrices: { premium: 1, basic: 2 } });
    expect(k.invoke("consumer", "svc", "basic", [])).toMatchObject({
      success: true,
      cost: { price: 2 },
    });
    expect(k.invoke("consumer", "svc", "premium", [])).toMatchObject({
      success: true,
      cost: { price: 1 },
    });
    expect(k.balance("consumer")).toBe(7);
  });

  it("runs nothing when the call is unaffordable", () => {
    k.mint("consumer", 0 + 1);
    const poor = k.createPrincipal("poor", { scrip: 19 });
    expect(poor.success).toBe(true);
    const before = fingerprint(k);
    const events = nonFailureEventCount(k);
    const env = k.invoke("poor", "svc", "premium", []);
    expect(env).toMatchObject({
      success: false,
      error: { code: "insufficient_funds", details: { balance: 19, price: 20 } },
    });
    expect(fingerprint(k)).toBe(before);
    expect(nonFailureEventCount(k)).toBe(events);
    expect(k.invoke("provider", "svc", "calls", [])).toMatchObject({ success: true, result: 0 });
  });

  it("moves attached value to the target's wallet and shows it as ctx.value", () => {
    const env = k.invoke("consumer", "svc", "pool", [], { value: 7 });
    expect(env).toMatchObject({
      success: true,
      result: { value: 7, balance: 7 },
      cost: { price: 5, value: 7 },
    });
    expect(k.balance("svc")).toBe(7);
    expect(k.invoke("consumer", "svc", "pool", [], { value: 26 })).toMatchObject({
      success: false,
      error: { code: "insufficient_funds" },
    });
    expect(k.balance("svc")).toBe(7);
    expect(k.invoke("consumer", "svc", "calls", [], { value: 1 })).toMatchObject({
      success: false,
      error: { code: "invalid_argument" },
    });
    expect(k.invoke("consumer", "genesis_ledger", "balance", [], { value: 1 })).toMatchObject({
      success: false,
      error: { code: "invalid_argument" },
    });
    k.checkInvariants();
  });
});
