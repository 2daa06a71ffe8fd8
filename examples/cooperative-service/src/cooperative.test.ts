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
const MINTED = 100 + 100 + 100 + 100 + 10;
let k: Kernel;

beforeEach(async () => {
  k = await kernelWith({ ana: 100, ben: 100, cy: 100, customer: 100, stranger: 10 });
  await deployFile(k, "ana", join(here, "cooperative.ts"), { id: "coop", args: [5, 2] });
  ok(k.invoke("ana", "coop", "join", [], { value: 60 }));
  ok(k.invoke("ben", "coop", "join", [], { value: 30 }));
  ok(k.invoke("cy", "coop", "join", [], { value: 10 }));
});

function serveThree() {
  for (const q of ["weather", "prices", "news"])
    ok(k.invoke("customer", "coop", "use", [q], { value: 5 }));
}

describe("cooperative service example", () => {
  it("pools the providers' contributions", () => {
    expect(ok(k.invoke("stranger", "coop", "status", []))).toEqual({
      price: 5,
      members: ["ana", "ben", "cy"],
      contributions: { ana: 60, ben: 30, cy: 10 },
      revenue: 0,
      uses: 0,
    });
    expect(balancesOf(k, "ana", "ben", "cy", "coop")).toEqual({
      ana: 40,
      ben: 70,
      cy: 90,
      coop: 100,
    });
  });

  it("sells the service per use, the price landing in the pool, providers in turn", () => {
    const first = k.invoke("customer", "coop", "use", ["weather"], { value: 5 });
    expect(ok(first)).toEqual({ provider: "ana", answer: "ana answered: WEATHER" });
    expect(eventData(first, "contract.service.served")).toEqual({
      provider: "ana",
      consumer: "customer",
      request: "weather",
    });
    expect(ok(k.invoke("customer", "coop", "use", ["prices"], { value: 5 }))).toMatchObject({
      provider: "ben",
    });
    expect(ok(k.invoke("customer", "coop", "use", ["news"], { value: 5 }))).toMatchObject({
      provider: "cy",
    });
    expect(balancesOf(k, "customer", "coop")).toEqual({ customer: 85, coop: 115 });
    expect(errorCode(k.invoke("customer", "coop", "use", ["free?"]))).toBe("invalid_argument");
    expect(balancesOf(k, "customer", "coop")).toEqual({ customer: 85, coop: 115 });
  });

  it("distributes revenue proportionally, the spare unit by largest remainder then id", () => {
    serveThree();
    expect(errorCode(k.invoke("stranger", "coop", "distribute", []))).toBe("not_authorized");
    const distributed = k.invoke("ben", "coop", "distribute", []);
    // 15 × 60/100 = 9, × 30/100 = 4.5, × 10/100 = 1.5: ben and cy tie on .5, ben sorts first.
    expect(ok(distributed)).toMatchObject({
      distributed: 15,
      payouts: [
        { member: "ana", amount: 9 },
        { member: "ben", amount: 5 },
        { member: "cy", amount: 1 },
      ],
    });
    expect(eventTypes(distributed)).toContain("contract.pool.distributed");
    expect(balancesOf(k, "ana", "ben", "cy", "coop")).toEqual({
      ana: 49,
      ben: 75,
      cy: 91,
      coop: 100,
    });
    expect(totalScrip(k)).toBe(MINTED);
  });

  it("changes the price only when the threshold of members agrees, each counted once", () => {
    ok(
      k.invoke("ana", "coop", "propose", [
        "raise the price",
        { kind: "custom", name: "setPrice", data: { price: 8 } },
      ]),
    );
    expect(errorCode(k.invoke("stranger", "coop", "approve", [1]))).toBe("not_authorized");
    expect(ok(k.invoke("ana", "coop", "approve", [1]))).toMatchObject({
      status: "pending",
      approvals: 1,
    });
    expect(ok(k.invoke("ana", "coop", "approve", [1]))).toMatchObject({
      status: "pending",
      approvals: 1,
    });
    const executed = k.invoke("cy", "coop", "approve", [1]);
    expect(ok(executed)).toEqual({ status: "executed", approvals: 2, result: { price: 8 } });
    expect(eventTypes(executed)).toContain("contract.proposal.executed");
    expect(errorCode(k.invoke("customer", "coop", "use", ["q"], { value: 5 }))).toBe(
      "invalid_argument",
    );
    ok(k.invoke("customer", "coop", "use", ["q"], { value: 8 }));
    expect(balancesOf(k, "customer", "coop")).toEqual({ customer: 92, coop: 108 });
  });

  it("never lets a payout decision spend the members' contributions", () => {
    serveThree();
    const payout = { kind: "custom", name: "payout", data: { to: "stranger", amount: 50 } };
    ok(k.invoke("ben", "coop", "propose", ["pay the stranger", payout]));
    ok(k.invoke("ana", "coop", "approve", [1]));
    expect(errorCode(k.invoke("ben", "coop", "approve", [1]))).toBe("invalid_argument");
    expect(balancesOf(k, "stranger", "coop")).toEqual({ stranger: 10, coop: 115 });
    expect(
      errorCode(
        k.invoke("ben", "coop", "propose", [
          "raw transfer",
          { kind: "transfer", to: "ben", amount: 1 },
        ]),
      ),
    ).toBe("invalid_argument");
  });

  it("tracks each provider's reliability from the event log", () => {
    serveThree();
    ok(k.invoke("customer", "coop", "rate", ["ana", true]));
    ok(k.invoke("customer", "coop", "rate", ["ben", false]));
    expect(errorCode(k.invoke("stranger", "coop", "rate", ["cy", false]))).toBe("not_authorized");
    expect(ok(k.invoke("stranger", "coop", "reliability", ["ana"]))).toEqual({
      provider: "ana",
      served: 1,
      good: 1,
      bad: 0,
    });
    expect(ok(k.invoke("stranger", "coop", "reliability", ["ben"]))).toEqual({
      provider: "ben",
      served: 1,
      good: 0,
      bad: 1,
    });
  });

  it("lets a provider leave with exactly their contribution, and drops their vote", () => {
    serveThree();
    expect(ok(k.invoke("cy", "coop", "withdraw", []))).toEqual({ member: "cy", amount: 10 });
    expect(balancesOf(k, "cy", "coop")).toEqual({ cy: 100, coop: 105 });
    ok(
      k.invoke("ana", "coop", "propose", [
        "p",
        { kind: "custom", name: "setPrice", data: { price: 6 } },
      ]),
    );
    expect(errorCode(k.invoke("cy", "coop", "approve", [1]))).toBe("not_authorized");
    expect(totalScrip(k)).toBe(MINTED);
  });
});
