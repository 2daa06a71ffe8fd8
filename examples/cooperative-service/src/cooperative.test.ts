import { createTestKernel, type PrincipalHandle, type TestKernel } from "@ecology/testing";
import "@ecology/testing/vitest";
import { beforeEach, describe, expect, it } from "vitest";

// After every call below the test kit checks that no scrip was created or lost, and that the
// pool inside the cooperative's state holds what it owes its members (pool backing).
let k: TestKernel;
let ana: PrincipalHandle;
let ben: PrincipalHandle;
let cy: PrincipalHandle;
let customer: PrincipalHandle;
let stranger: PrincipalHandle;

beforeEach(async () => {
  k = await createTestKernel();
  ({ ana, ben, cy, customer, stranger } = k.principals({
    ana: 100,
    ben: 100,
    cy: 100,
    customer: 100,
    stranger: 10,
  }));
  await k.deploy("./src/cooperative.ts", { owner: ana, id: "coop", args: [5, 2] });
  expect(ana.invoke("coop", "join", [], { value: 60 })).toSucceed();
  expect(ben.invoke("coop", "join", [], { value: 30 })).toSucceed();
  expect(cy.invoke("coop", "join", [], { value: 10 })).toSucceed();
});

function serveThree() {
  for (const q of ["weather", "prices", "news"])
    expect(customer.invoke("coop", "use", [q], { value: 5 })).toSucceed();
}

describe("cooperative service example", () => {
  it("pools the providers' contributions", () => {
    expect(stranger.invoke("coop", "status")).toHaveProperty("result", {
      price: 5,
      members: ["ana", "ben", "cy"],
      contributions: { ana: 60, ben: 30, cy: 10 },
      revenue: 0,
      uses: 0,
    });
    expect(k.balances()).toMatchObject({ ana: 40, ben: 70, cy: 90, coop: 100 });
  });

  it("sells the service per use, the price landing in the pool, providers in turn", () => {
    const first = customer.invoke("coop", "use", ["weather"], { value: 5 });
    expect(first).toHaveProperty("result", { provider: "ana", answer: "ana answered: WEATHER" });
    expect(first).toEmit("contract.service.served", {
      provider: "ana",
      consumer: "customer",
      request: "weather",
    });
    expect(customer.invoke("coop", "use", ["prices"], { value: 5 })).toMatchObject({
      result: { provider: "ben" },
    });
    expect(customer.invoke("coop", "use", ["news"], { value: 5 })).toMatchObject({
      result: { provider: "cy" },
    });
    expect(k.balances()).toMatchObject({ customer: 85, coop: 115 });
    expect(customer.invoke("coop", "use", ["free?"])).toFailWith("invalid_argument");
    expect(k.balances()).toMatchObject({ customer: 85, coop: 115 });
  });

  it("distributes revenue proportionally, the spare unit by largest remainder then id", () => {
    serveThree();
    expect(stranger.invoke("coop", "distribute")).toFailWith("not_authorized");
    const distributed = ben.invoke("coop", "distribute");
    // 15 × 60/100 = 9, × 30/100 = 4.5, × 10/100 = 1.5: ben and cy tie on .5, ben sorts first.
    expect(distributed).toMatchObject({
      result: {
        distributed: 15,
        payouts: [
          { member: "ana", amount: 9 },
          { member: "ben", amount: 5 },
          { member: "cy", amount: 1 },
        ],
      },
    });
    expect(distributed).toEmit("contract.pool.distributed");
    expect(k.balances()).toMatchObject({ ana: 49, ben: 75, cy: 91, coop: 100 });
  });

  it("changes the price only when the threshold of members agrees, each counted once", () => {
    expect(
      ana.invoke("coop", "propose", [
        "raise the price",
        { kind: "custom", name: "setPrice", data: { price: 8 } },
      ]),
    ).toSucceed();
    expect(stranger.invoke("coop", "approve", [1])).toFailWith("not_authorized");
    expect(ana.invoke("coop", "approve", [1])).toMatchObject({
      result: { status: "pending", approvals: 1 },
    });
    expect(ana.invoke("coop", "approve", [1])).toMatchObject({
      result: { status: "pending", approvals: 1 },
    });
    const executed = cy.invoke("coop", "approve", [1]);
    expect(executed).toHaveProperty("result", {
      status: "executed",
      approvals: 2,
      result: { price: 8 },
    });
    expect(executed).toEmit("contract.proposal.executed");
    expect(customer.invoke("coop", "use", ["q"], { value: 5 })).toFailWith("invalid_argument");
    expect(customer.invoke("coop", "use", ["q"], { value: 8 })).toSucceed();
    expect(k.balances()).toMatchObject({ customer: 92, coop: 108 });
  });

  it("never lets a payout decision spend the members' contributions", () => {
    serveThree();
    const payout = { kind: "custom", name: "payout", data: { to: "stranger", amount: 50 } };
    expect(ben.invoke("coop", "propose", ["pay the stranger", payout])).toSucceed();
    expect(ana.invoke("coop", "approve", [1])).toSucceed();
    expect(ben.invoke("coop", "approve", [1])).toFailWith("invalid_argument");
    expect(k.balances()).toMatchObject({ stranger: 10, coop: 115 });
    expect(
      ben.invoke("coop", "propose", ["raw transfer", { kind: "transfer", to: "ben", amount: 1 }]),
    ).toFailWith("invalid_argument");
  });

  it("tracks each provider's reliability from the event log", () => {
    serveThree();
    expect(customer.invoke("coop", "rate", ["ana", true])).toSucceed();
    expect(customer.invoke("coop", "rate", ["ben", false])).toSucceed();
    expect(stranger.invoke("coop", "rate", ["cy", false])).toFailWith("not_authorized");
    expect(stranger.invoke("coop", "reliability", ["ana"])).toHaveProperty("result", {
      provider: "ana",
      served: 1,
      good: 1,
      bad: 0,
    });
    expect(stranger.invoke("coop", "reliability", ["ben"])).toHaveProperty("result", {
      provider: "ben",
      served: 1,
      good: 0,
      bad: 1,
    });
  });

  it("ignores service events forged by another contract that names the cooperative", async () => {
    serveThree();
    await k.deploy("./src/rogue-rater.ts", { owner: stranger, id: "rogue" });
    expect(stranger.invoke("rogue", "smear", ["coop", "ana"])).toSucceed();
    expect(stranger.invoke("coop", "reliability", ["ana"])).toHaveProperty("result", {
      provider: "ana",
      served: 1,
      good: 0,
      bad: 0,
    });
  });

  it("lets a provider leave with exactly their contribution, and drops their vote", () => {
    serveThree();
    expect(cy.invoke("coop", "withdraw")).toHaveProperty("result", { member: "cy", amount: 10 });
    expect(k.balances()).toMatchObject({ cy: 100, coop: 105 });
    expect(
      ana.invoke("coop", "propose", [
        "p",
        { kind: "custom", name: "setPrice", data: { price: 6 } },
      ]),
    ).toSucceed();
    expect(cy.invoke("coop", "approve", [1])).toFailWith("not_authorized");
  });
});
