import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COUNTER, type Harness, startHarness } from "./test-fixtures/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.rpc(h.alice, "deploy", { id: "priced", code: COUNTER, policy: { invokePrice: 3 } });
});
afterAll(() => h.close());

describe("RPC invoke maxPrice", () => {
  it("refuses with conflict above maxPrice and runs at or below it", async () => {
    const refused = await h.rpc(h.bob, "invoke", { target: "priced", method: "inc", maxPrice: 2 });
    expect(refused.result).toMatchObject({
      success: false,
      error: { code: "conflict", details: { price: 3, maxPrice: 2 } },
    });
    expect(await h.kernel.balance("bob")).toBe(100);
    const paid = await h.rpc(h.bob, "invoke", { target: "priced", method: "inc", maxPrice: 3 });
    expect(paid.result).toMatchObject({ success: true, cost: { price: 3 } });
  });

  it("refuses a maxPrice that is not scrip as invalid params", async () => {
    const bad = await h.rpc(h.bob, "invoke", { target: "priced", method: "inc", maxPrice: -1 });
    expect(bad.error).toMatchObject({ code: -32602, data: { code: "invalid_argument" } });
  });
});

describe("RPC ids made only of dots", () => {
  it.each([".", "..", "..."])("refuses %s as a principal and as a target", async (id) => {
    const created = await h.rpc(h.operator, "createPrincipal", { id, scrip: 5 });
    expect(created.error).toMatchObject({ code: -32602, data: { code: "invalid_argument" } });
    expect(h.server.credentials.tokenFor(id)).toBeUndefined();
    const invoked = await h.rpc(h.bob, "invoke", { target: id, method: "inc" });
    expect(invoked.error).toMatchObject({ code: -32602 });
  });
});
