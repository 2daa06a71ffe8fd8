import { createTestKernel, type PrincipalHandle, type TestKernel } from "@ecology/testing";
import "@ecology/testing/vitest";
import { beforeEach, describe, expect, it } from "vitest";

// This example's own arbitrated deal: its deal events are what reputation reads.
const DEAL = "./src/deal.ts";
// The test kit checks conservation and single ownership after every call below.
let k: TestKernel;
let honest: PrincipalHandle;
let cheat: PrincipalHandle;
let buyer: PrincipalHandle;
let judge: PrincipalHandle;
let newbie: PrincipalHandle;

/** One arbitrated deal of `${id}-item` from `seller` to `buyer`, ending as `ending`. */
async function deal(
  id: string,
  seller: PrincipalHandle,
  buyer: PrincipalHandle,
  ending: "complete" | "seller" | "buyer",
) {
  const item = `${id}-item`;
  expect(seller.write(item, { id })).toSucceed();
  await k.deploy(DEAL, { owner: seller, id, args: ["judge", item, 10] });
  expect(seller.invoke("genesis_ledger", "transferOwnership", [item, id])).toSucceed();
  expect(seller.invoke(id, "deposit")).toSucceed();
  expect(buyer.invoke(id, "accept", [], { value: 10 })).toSucceed();
  if (ending === "complete") {
    expect(buyer.invoke(id, "complete")).toSucceed();
    return;
  }
  expect(buyer.invoke(id, "dispute", ["late"])).toSucceed();
  expect(judge.invoke(id, "resolve", [ending])).toSucceed();
}

beforeEach(async () => {
  k = await createTestKernel();
  ({ honest, cheat, buyer, judge, newbie } = k.principals({
    honest: 100,
    cheat: 100,
    buyer: 200,
    judge: 10,
    newbie: 50,
  }));
  // The service trusts deal events only from contracts running the audited deal code.
  const { codeHash } = await k.deploy(DEAL, {
    owner: judge,
    id: "deal-template",
    args: ["judge", "nothing", 1],
  });
  await k.deploy("./src/reputation-service.ts", {
    owner: judge,
    id: "reputation",
    args: [{ codeHashes: [codeHash] }],
  });
  await k.deploy("./src/guild.ts", {
    owner: judge,
    id: "guild",
    args: ["reputation", { minContractsHonored: 1, maxDisputesLost: 0 }],
  });
});

describe("reputation example", () => {
  it("computes reputation from escrow deals and ledger history", async () => {
    await deal("deal1", honest, buyer, "complete");
    await deal("deal2", cheat, buyer, "buyer");
    expect(honest.write("tool", 1)).toSucceed();
    expect(honest.invoke("genesis_escrow", "deposit", ["tool", 5])).toSucceed();
    expect(buyer.invoke("genesis_escrow", "purchase", ["tool"])).toSucceed();

    expect(newbie.invoke("reputation", "reputation", ["honest"])).toMatchObject({
      result: { agent: "honest", contractsHonored: 1, disputesLost: 0, trades: 1 },
    });
    expect(newbie.invoke("reputation", "reputation", ["cheat"])).toMatchObject({
      result: { agent: "cheat", contractsHonored: 0, disputesLost: 1, trades: 0 },
    });
    // The buyer paid 10 + 10 into deals and 5 for the tool; the refund does not count as paid.
    expect(newbie.invoke("reputation", "reputation", ["buyer"])).toMatchObject({
      result: { scripPaid: 25, contractsHonored: 1, trades: 1 },
    });
  });

  it("admits only agents whose history meets the rule", async () => {
    await deal("deal1", honest, buyer, "complete");
    await deal("deal2", cheat, buyer, "buyer");

    const granted = honest.invoke("guild", "requestMembership");
    expect(granted).toHaveProperty("result", { status: "approved" });
    expect(granted).toEmit("contract.membership.granted");
    expect(cheat.invoke("guild", "requestMembership")).toHaveProperty("result", {
      status: "denied",
      reason: "honoured 0 contracts, needs 1",
    });
    expect(newbie.invoke("guild", "requestMembership")).toMatchObject({
      result: { status: "denied" },
    });
    expect(honest.invoke("guild", "requestMembership")).toHaveProperty("result", {
      status: "member",
    });
    expect(judge.invoke("guild", "members")).toHaveProperty("result", ["honest"]);
  });

  it("turns a lost dispute into a refusal even after honoured deals", async () => {
    await deal("deal1", cheat, buyer, "complete");
    expect(newbie.invoke("reputation", "reputation", ["cheat"])).toMatchObject({
      result: { contractsHonored: 1 },
    });
    await deal("deal2", cheat, buyer, "buyer");
    expect(cheat.invoke("guild", "requestMembership")).toHaveProperty("result", {
      status: "denied",
      reason: "lost 1 disputes, at most 0 allowed",
    });
  });
});

describe("forged deal events", () => {
  it("count for nothing: only deals from trusted contracts build a reputation", async () => {
    await k.deploy("./src/rogue-deal.ts", { owner: cheat, id: "rogue" });
    expect(cheat.invoke("rogue", "forge", [5])).toSucceed();
    expect(cheat.invoke("rogue", "smear", ["honest"])).toSucceed();
    expect(newbie.invoke("reputation", "reputation", ["cheat"])).toMatchObject({
      result: { contractsHonored: 0, disputesLost: 0 },
    });
    expect(newbie.invoke("reputation", "reputation", ["honest"])).toMatchObject({
      result: { contractsHonored: 0, disputesLost: 0 },
    });
    expect(cheat.invoke("guild", "requestMembership")).toHaveProperty("result", {
      status: "denied",
      reason: "honoured 0 contracts, needs 1",
    });
    // A real deal still counts next to the forgeries.
    await deal("deal1", cheat, buyer, "complete");
    expect(newbie.invoke("reputation", "reputation", ["cheat"])).toMatchObject({
      result: { contractsHonored: 1, disputesLost: 0 },
    });
  });

  it("count for nothing when they name a trusted contract, with trust by id", async () => {
    await deal("deal1", honest, buyer, "complete");
    await k.deploy("./src/reputation-service.ts", {
      owner: judge,
      id: "by-id",
      args: [{ ids: ["deal1"] }],
    });
    await k.deploy("./src/rogue-deal.ts", { owner: cheat, id: "rogue" });
    // The event log's artifact/principal filters match ids mentioned in event data.
    expect(cheat.invoke("rogue", "impersonate", ["deal1"])).toSucceed();
    expect(newbie.invoke("by-id", "reputation", ["cheat"])).toHaveProperty(
      "result.contractsHonored",
      0,
    );
    expect(newbie.invoke("by-id", "reputation", ["honest"])).toHaveProperty(
      "result.contractsHonored",
      1,
    );
  });

  it("cannot be let in by a malformed trusted set", async () => {
    const refused = await judge.deploy("./src/reputation-service.ts", {
      id: "sloppy",
      args: [{ ids: "deal1" }],
    });
    expect(refused).toFailWith("invalid_argument");
  });

  it("trusts nobody's deals with an empty trusted set (the scaffolder's first deploy)", async () => {
    await deal("deal1", honest, buyer, "complete");
    await k.deploy("./src/reputation-service.ts", {
      owner: judge,
      id: "fresh",
      args: [{ ids: [], codeHashes: [] }],
    });
    expect(newbie.invoke("fresh", "reputation", ["honest"])).toMatchObject({
      result: { agent: "honest", contractsHonored: 0, disputesLost: 0 },
    });
  });
});
