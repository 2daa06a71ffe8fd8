import { describe, expect, it } from "vitest";
import "./vitest.js";
import { COUNTER_TS } from "./test-fixtures/paths.js";
import { createTestKernel } from "./test-kernel.js";
import { TestingError } from "./testing-error.js";

async function shop() {
  const k = await createTestKernel();
  const { alice, bob } = k.principals({ alice: 100, bob: 10 });
  const counter = await k.deploy(COUNTER_TS, { owner: alice, args: [60_000], id: "counter" });
  return { k, alice, bob, counter };
}

describe("k.grant", () => {
  it("acts as the principal within the grant's spend, debiting it", async () => {
    const { k, bob, counter } = await shop();
    const agent = k.grant(bob, { spend: 4, targets: ["counter.increment"] });
    expect(agent.id).toBe("bob");
    expect(agent.token.startsWith(`ecology_g_${agent.grantId}.`)).toBe(true);
    expect(agent.invoke(counter, "increment", [1])).toSucceed();
    expect(agent.invoke(counter, "increment", [1])).toSucceed();
    expect(agent.spent()).toBe(4);
    const refused = agent.invoke(counter, "increment", [1]);
    expect(refused).toFailWith("not_authorized");
    expect(refused).toMatchObject({ error: { details: { grant: { reason: "spend" } } } });
    expect(bob.balance()).toBe(6);
    expect(agent.transfer("alice", 1)).toFailWith("not_authorized");
    expect(agent.write("note", 1)).toFailWith("not_authorized");
    expect(k.events({ type: "contract.incremented" }).map((e) => e.actor)).toEqual([
      "counter",
      "counter",
    ]);
    k.close();
  });

  it("asks for confirmation above confirmAbove, and revokes", async () => {
    const { k, alice, counter } = await shop();
    const agent = k.grant(alice, { spend: 50, confirmAbove: 1 });
    // alice owns counter and pays nothing to call it; a transfer moves scrip.
    expect(agent.invoke(counter, "increment", [1])).toSucceed();
    const asked = agent.transfer("bob", 2);
    expect(asked).toMatchObject({
      error: { details: { grant: { reason: "confirmation_required", amount: 2 } } },
    });
    expect(agent.confirmed().transfer("bob", 2)).toSucceed();
    expect(agent.grant()).toMatchObject({ spent: 2, confirmAbove: 1, revoked: false });
    agent.revoke();
    expect(agent.confirmed().transfer("bob", 1)).toMatchObject({
      error: { details: { grant: { reason: "revoked" } } },
    });
    expect(k.kernel.authenticateGrant(agent.token)).toBeUndefined();
    k.close();
  });

  it("refuses bad limits with setup_failed", async () => {
    const { k, alice } = await shop();
    expect(() => k.grant(alice, { spend: -5 })).toThrow(TestingError);
    expect(() => k.grant("nobody", {})).toThrow(/cannot issue a grant of nobody/);
    k.close();
  });
});
