import { join } from "node:path";
import type { Kernel } from "@ecology/kernel";
import { beforeEach, describe, expect, it } from "vitest";
import { deployFile, eventTypes, kernelWith, ok } from "./test-kit.js";

const here = import.meta.dirname;
// The arbitrated escrow of the escrow example: its deal events are what reputation reads.
const DEAL = join(here, "..", "..", "escrow", "src", "arbitrated-escrow.ts");
let k: Kernel;

/** One arbitrated deal of `artifact` from `seller` to `buyer`, ending as `ending`. */
async function deal(
  id: string,
  seller: string,
  buyer: string,
  ending: "complete" | "seller" | "buyer",
) {
  ok(k.write(seller, `${id}-item`, { id }));
  await deployFile(k, seller, DEAL, { id, args: ["judge", `${id}-item`, 10] });
  ok(k.transferOwnership(seller, `${id}-item`, id));
  ok(k.invoke(seller, id, "deposit", []));
  ok(k.invoke(buyer, id, "accept", [], { value: 10 }));
  if (ending === "complete") return ok(k.invoke(buyer, id, "complete", []));
  ok(k.invoke(buyer, id, "dispute", ["late"]));
  return ok(k.invoke("judge", id, "resolve", [ending]));
}

beforeEach(async () => {
  k = await kernelWith({ honest: 100, cheat: 100, buyer: 200, judge: 10, newbie: 50 });
  await deployFile(k, "judge", join(here, "reputation-service.ts"), { id: "reputation" });
  await deployFile(k, "judge", join(here, "guild.ts"), {
    id: "guild",
    args: ["reputation", { minContractsHonored: 1, maxDisputesLost: 0 }],
  });
});

describe("reputation example", () => {
  it("computes reputation from escrow deals and ledger history", async () => {
    await deal("deal1", "honest", "buyer", "complete");
    await deal("deal2", "cheat", "buyer", "buyer");
    ok(k.write("honest", "tool", 1));
    ok(k.invoke("honest", "genesis_escrow", "deposit", ["tool", 5]));
    ok(k.invoke("buyer", "genesis_escrow", "purchase", ["tool"]));

    const honest = ok(k.invoke("newbie", "reputation", "reputation", ["honest"]));
    expect(honest).toMatchObject({
      agent: "honest",
      contractsHonored: 1,
      disputesLost: 0,
      trades: 1,
    });
    const cheat = ok(k.invoke("newbie", "reputation", "reputation", ["cheat"]));
    expect(cheat).toMatchObject({
      agent: "cheat",
      contractsHonored: 0,
      disputesLost: 1,
      trades: 0,
    });
    const buyer = ok(k.invoke("newbie", "reputation", "reputation", ["buyer"])) as {
      [k: string]: number;
    };
    // The buyer paid 10 + 10 into deals and 5 for the tool; the refund does not count as paid.
    expect(buyer.scripPaid).toBe(25);
    expect(buyer.contractsHonored).toBe(1);
    expect(buyer.trades).toBe(1);
  });

  it("admits only agents whose history meets the rule", async () => {
    await deal("deal1", "honest", "buyer", "complete");
    await deal("deal2", "cheat", "buyer", "buyer");

    const granted = k.invoke("honest", "guild", "requestMembership", []);
    expect(ok(granted)).toEqual({ status: "approved" });
    expect(eventTypes(granted)).toContain("contract.membership.granted");
    expect(ok(k.invoke("cheat", "guild", "requestMembership", []))).toEqual({
      status: "denied",
      reason: "honoured 0 contracts, needs 1",
    });
    expect(ok(k.invoke("newbie", "guild", "requestMembership", []))).toMatchObject({
      status: "denied",
    });
    expect(ok(k.invoke("honest", "guild", "requestMembership", []))).toEqual({ status: "member" });
    expect(ok(k.invoke("judge", "guild", "members", []))).toEqual(["honest"]);
  });

  it("turns a lost dispute into a refusal even after honoured deals", async () => {
    await deal("deal1", "cheat", "buyer", "complete");
    expect(ok(k.invoke("newbie", "reputation", "reputation", ["cheat"]))).toMatchObject({
      contractsHonored: 1,
    });
    await deal("deal2", "cheat", "buyer", "buyer");
    expect(ok(k.invoke("cheat", "guild", "requestMembership", []))).toEqual({
      status: "denied",
      reason: "lost 1 disputes, at most 0 allowed",
    });
  });
});
