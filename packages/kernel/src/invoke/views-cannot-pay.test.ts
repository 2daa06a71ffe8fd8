import { beforeEach, describe, expect, it } from "vitest";
import type { Kernel } from "../kernel.js";
import {
  COUNTER,
  fingerprint,
  mustDeploy,
  SERVICE,
  testKernel,
} from "../test-fixtures/contracts.js";
import { LOOPY_GATE, VIEWER } from "../test-fixtures/hostile.js";
import type { Envelope, JsonValue } from "../types.js";

let k: Kernel;

beforeEach(async () => {
  k = await testKernel();
  k.createPrincipal("owner", { scrip: 0 });
  k.createPrincipal("bob", { scrip: 100 });
  k.write("owner", "priced", { secret: 1 }, { policy: { readPrice: 5 } });
  k.write("owner", "free", { open: 1 });
  mustDeploy(k, "owner", "svc", SERVICE, [], { methodPrices: { calls: 4 } });
  mustDeploy(k, "owner", "counter", COUNTER, [0]);
  mustDeploy(k, "bob", "v1", VIEWER);
  mustDeploy(k, "bob", "v2", VIEWER);
  k.mint("v1", 50);
  k.mint("v2", 50);
  // bob owns an artifact for sale, to try the escrow from a view
  k.write("bob", "lot", { n: 1 });
  expect(k.transferOwnership("bob", "lot", "v1").success).toBe(true);
});

const READ_ONLY = { success: false, error: { code: "invalid_state" } };

/** What v1's view `method` returned to bob (the nested failure when the view caught nothing). */
function view(method: string, args: JsonValue[]): Envelope<JsonValue> {
  return k.invoke("bob", "v1", method, args);
}

describe("views and gates move no scrip, at any depth (ADR 0018)", () => {
  it("refuses a priced read from a view, directly and through another view", () => {
    const before = fingerprint(k);
    expect(view("peek", ["priced"])).toMatchObject({
      ...READ_ONLY,
      error: { code: "invalid_state", details: { reason: "read_only", price: 5 } },
    });
    expect(view("relayPeek", ["v2", "priced"])).toMatchObject(READ_ONLY);
    expect(view("ask", ["v2", "peek", ["priced"]])).toMatchObject(READ_ONLY);
    expect(fingerprint(k)).toBe(before);
    // Free reads still work from views; the same read from a method pays.
    expect(view("peek", ["free"])).toMatchObject({ success: true, result: { open: 1 } });
    expect(view("peekAsMethod", ["priced"])).toMatchObject({
      success: true,
      result: { secret: 1 },
    });
    expect(k.balance("v1")).toBe(45);
  });

  it("refuses a priced view called from a view, but not from a method or a principal", () => {
    const before = fingerprint(k);
    expect(view("ask", ["svc", "calls", []])).toMatchObject({
      ...READ_ONLY,
      error: { code: "invalid_state", details: { reason: "read_only", price: 4 } },
    });
    expect(view("relayPeek", ["v2", "priced"])).toMatchObject(READ_ONLY);
    expect(fingerprint(k)).toBe(before);
    expect(view("askAsMethod", ["svc", "calls", []])).toMatchObject({ success: true });
    expect(k.invoke("bob", "svc", "calls", [])).toMatchObject({
      success: true,
      cost: { price: 4 },
    });
    expect(k.balance("owner")).toBe(8);
  });

  it("refuses methods and genesis methods from a view at every depth", () => {
    const before = fingerprint(k);
    const calls: [string, JsonValue[]][] = [
      ["counter", ["counter", "inc", [1]]],
      ["genesis_ledger", ["genesis_ledger", "transfer", ["bob", 1]]],
      ["genesis_ledger", ["genesis_ledger", "transferOwnership", ["lot", "bob"]]],
      ["genesis_escrow", ["genesis_escrow", "deposit", ["lot", 5]]],
      ["genesis_escrow", ["genesis_escrow", "purchase", ["lot"]]],
      ["genesis_escrow", ["genesis_escrow", "cancel", ["lot"]]],
    ];
    for (const [, args] of calls) {
      expect(view("ask", args)).toMatchObject(READ_ONLY);
      // one level deeper: v1's view asks v2's view to make the call
      expect(view("ask", ["v2", "ask", args])).toMatchObject(READ_ONLY);
    }
    expect(fingerprint(k)).toBe(before);
  });

  it("treats a gate check as a view: a priced gate or a gate's priced read fails closed", () => {
    mustDeploy(k, "owner", "g", LOOPY_GATE, [null], { invokePrice: 3 });
    k.setPolicy("owner", "counter", { gate: "g" });
    k.mint("counter", 10);
    const before = fingerprint(k);
    expect(k.invoke("bob", "counter", "inc", [1])).toMatchObject({
      success: false,
      error: { code: "not_authorized", details: { reason: "gate", gateError: "invalid_state" } },
    });
    expect(fingerprint(k)).toBe(before);
    // A free gate whose check reads a priced artifact is refused the same way.
    mustDeploy(k, "owner", "g2", LOOPY_GATE, [{ read: "priced" }]);
    k.mint("g2", 50);
    k.setPolicy("owner", "counter", { gate: "g2" });
    const again = fingerprint(k);
    expect(k.invoke("bob", "counter", "inc", [1])).toMatchObject({
      success: false,
      error: { code: "not_authorized", details: { reason: "gate", gateError: "invalid_state" } },
    });
    expect(k.read("bob", "counter")).toMatchObject({ success: false });
    expect(fingerprint(k)).toBe(again);
  });
});
