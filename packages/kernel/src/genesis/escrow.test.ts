import { beforeEach, describe, expect, it } from "vitest";
import type { Kernel } from "../kernel.js";
import { fingerprint, testKernel } from "../test-fixtures/contracts.js";

let k: Kernel;

beforeEach(async () => {
  k = await testKernel();
  k.createPrincipal("seller", { scrip: 10 });
  k.createPrincipal("buyer", { scrip: 100 });
  k.createPrincipal("poor", { scrip: 5 });
  k.write("seller", "doc", { text: "the goods" });
});

function deposit(who: string, id: string, price: unknown, buyer?: string) {
  return k.invoke(
    who,
    "genesis_escrow",
    "deposit",
    buyer === undefined ? [id, price as number] : [id, price as number, buyer],
  );
}

describe("genesis_escrow", () => {
  it("moves exactly the price buyer → seller and ownership seller → buyer on a sale", () => {
    expect(deposit("seller", "doc", 40).success).toBe(true);
    expect(k.getArtifact("doc")?.owner).toBe("genesis_escrow");
    const env = k.invoke("buyer", "genesis_escrow", "purchase", ["doc"]);
    expect(env.success).toBe(true);
    expect(k.balance("buyer")).toBe(60);
    expect(k.balance("seller")).toBe(50);
    expect(k.balance("genesis_escrow")).toBe(0);
    expect(k.getArtifact("doc")?.owner).toBe("buyer");
    const types = env.success ? env.events.map((e) => e.type) : [];
    expect(types).toEqual(["scrip.transferred", "artifact.owner_changed", "escrow.purchased"]);
    expect(k.invoke("buyer", "genesis_escrow", "check", ["doc"])).toMatchObject({
      success: true,
      result: { status: "completed", buyer: "buyer" },
    });
    k.checkInvariants();
  });

  it("refuses a deposit by a non-owner", () => {
    const before = fingerprint(k);
    expect(deposit("buyer", "doc", 10)).toMatchObject({
      success: false,
      error: { code: "not_authorized" },
    });
    expect(fingerprint(k)).toBe(before);
  });

  it("stops the seller from writing, transferring or re-listing while listed", () => {
    deposit("seller", "doc", 40);
    const before = fingerprint(k);
    expect(k.write("seller", "doc", { text: "swapped" })).toMatchObject({
      success: false,
      error: { code: "not_authorized" },
    });
    expect(k.transferOwnership("seller", "doc", "poor")).toMatchObject({
      success: false,
      error: { code: "not_authorized" },
    });
    expect(
      k.invoke("seller", "genesis_ledger", "transferOwnership", ["doc", "poor"]),
    ).toMatchObject({ success: false, error: { code: "not_authorized" } });
    expect(deposit("seller", "doc", 1)).toMatchObject({
      success: false,
      error: { code: "conflict" },
    });
    expect(k.delete("seller", "doc")).toMatchObject({
      success: false,
      error: { code: "not_authorized" },
    });
    expect(fingerprint(k)).toBe(before);
  });

  it.each([
    ["a negative price", -1],
    ["a fractional price", 1.5],
    ["a string price", "10"],
    ["an unsafe price", 2 ** 60],
  ])("refuses %s and changes nothing", (_, price) => {
    const before = fingerprint(k);
    expect(deposit("seller", "doc", price)).toMatchObject({
      success: false,
      error: { code: "invalid_argument" },
    });
    expect(fingerprint(k)).toBe(before);
  });

  it("fails each purchase error with its code, in the reference order, changing nothing", () => {
    const before = fingerprint(k);
    expect(k.invoke("buyer", "genesis_escrow", "purchase", ["nothing"])).toMatchObject({
      success: false,
      error: { code: "not_found" },
    });
    expect(k.invoke("buyer", "genesis_escrow", "deposit", ["nothing", 5])).toMatchObject({
      success: false,
      error: { code: "not_found" },
    });
    expect(fingerprint(k)).toBe(before);

    deposit("seller", "doc", 40, "buyer");
    const listed = fingerprint(k);
    // restricted to another buyer comes before insufficient funds
    expect(k.invoke("poor", "genesis_escrow", "purchase", ["doc"])).toMatchObject({
      success: false,
      error: { code: "not_authorized" },
    });
    // own listing
    expect(k.invoke("seller", "genesis_escrow", "purchase", ["doc"])).toMatchObject({
      success: false,
      error: { code: "not_authorized" },
    });
    expect(fingerprint(k)).toBe(listed);
    k.invoke("seller", "genesis_escrow", "cancel", ["doc"]);

    deposit("seller", "doc", 40);
    const open = fingerprint(k);
    const own = k.invoke("seller", "genesis_escrow", "purchase", ["doc"]);
    expect(own).toMatchObject({ success: false, error: { code: "invalid_argument" } });
    expect(!own.success && own.error.message).toMatch(/cancel/);
    const poor = k.invoke("poor", "genesis_escrow", "purchase", ["doc"]);
    expect(poor).toMatchObject({
      success: false,
      error: { code: "insufficient_funds", details: { balance: 5, needed: 40 } },
    });
    expect(fingerprint(k)).toBe(open);

    k.invoke("buyer", "genesis_escrow", "purchase", ["doc"]);
    const sold = fingerprint(k);
    // not active: the listing is completed
    expect(k.invoke("poor", "genesis_escrow", "purchase", ["doc"])).toMatchObject({
      success: false,
      error: { code: "invalid_state" },
    });
    expect(fingerprint(k)).toBe(sold);
    k.checkInvariants();
  });

  it("refuses cancel by a non-seller and changes nothing", () => {
    deposit("seller", "doc", 40);
    const before = fingerprint(k);
    expect(k.invoke("buyer", "genesis_escrow", "cancel", ["doc"])).toMatchObject({
      success: false,
      error: { code: "not_authorized" },
    });
    expect(fingerprint(k)).toBe(before);
  });

  it("returns ownership on cancel and allows re-listing at a new price", () => {
    deposit("seller", "doc", 40);
    expect(k.invoke("seller", "genesis_escrow", "cancel", ["doc"])).toMatchObject({
      success: true,
      result: { status: "cancelled" },
    });
    expect(k.getArtifact("doc")?.owner).toBe("seller");
    expect(k.invoke("seller", "genesis_escrow", "cancel", ["doc"])).toMatchObject({
      success: false,
      error: { code: "invalid_state" },
    });
    expect(deposit("seller", "doc", 25)).toMatchObject({
      success: true,
      result: { price: 25, status: "active" },
    });
    expect(k.invoke("buyer", "genesis_escrow", "purchase", ["doc"]).success).toBe(true);
    expect(k.balance("seller")).toBe(35);
    k.checkInvariants();
  });

  it("pages listActive and excludes closed listings", () => {
    for (let i = 0; i < 5; i++) {
      k.write("seller", `item${i}`, i);
      deposit("seller", `item${i}`, 1);
    }
    k.invoke("seller", "genesis_escrow", "cancel", ["item1"]);
    k.invoke("buyer", "genesis_escrow", "purchase", ["item3"]);
    const p1 = k.invoke("buyer", "genesis_escrow", "listActive", [{ limit: 2 }]);
    expect(p1).toMatchObject({ success: true, result: { next: 2 } });
    const p2 = k.invoke("buyer", "genesis_escrow", "listActive", [{ limit: 2, offset: 2 }]);
    expect(p2).toMatchObject({ success: true, result: { next: null } });
    const ids = [p1, p2].flatMap((p) =>
      p.success
        ? (p.result as { listings: { artifactId: string }[] }).listings.map((l) => l.artifactId)
        : [],
    );
    expect(ids).toEqual(["item0", "item2", "item4"]);
    expect(k.invoke("buyer", "genesis_escrow", "listActive", [{ limit: 0 }])).toMatchObject({
      success: false,
      error: { code: "invalid_argument" },
    });
  });

  it("pays prices of an escrow-held artifact to the seller", async () => {
    const { SERVICE, mustDeploy } = await import("../test-fixtures/contracts.js");
    mustDeploy(k, "seller", "svc", SERVICE, [], { invokePrice: 3 });
    deposit("seller", "svc", 50);
    expect(k.invoke("poor", "svc", "basic", [])).toMatchObject({
      success: true,
      cost: { price: 3 },
    });
    expect(k.balance("seller")).toBe(13);
    expect(k.balance("genesis_escrow")).toBe(0);
    k.checkInvariants();
  });

  it("behaves identically when a contract calls it (the contract is the seller)", async () => {
    const { KEEPER, mustDeploy } = await import("../test-fixtures/contracts.js");
    mustDeploy(k, "seller", "agent", KEEPER, ["doc", []]);
    k.transferOwnership("seller", "doc", "agent");
    const relay = (who: string, method: string, args: unknown[]) =>
      k.invoke(who, "agent", "relay", ["genesis_escrow", method, args as never]);
    expect(relay("buyer", "purchase", ["doc"])).toMatchObject({
      success: true,
      result: { success: false, error: { code: "not_found" } },
    });
    expect(relay("buyer", "deposit", ["doc", -1])).toMatchObject({
      result: { success: false, error: { code: "invalid_argument" } },
    });
    expect(relay("buyer", "deposit", ["doc", 30])).toMatchObject({
      result: { success: true, result: { seller: "agent", price: 30 } },
    });
    expect(k.getArtifact("doc")?.owner).toBe("genesis_escrow");
    expect(k.invoke("seller", "genesis_escrow", "cancel", ["doc"])).toMatchObject({
      success: false,
      error: { code: "not_authorized" },
    });
    expect(relay("buyer", "purchase", ["doc"])).toMatchObject({
      result: { success: false, error: { code: "invalid_argument" } },
    });
    expect(k.invoke("buyer", "genesis_escrow", "purchase", ["doc"])).toMatchObject({
      success: true,
    });
    expect(k.balance("agent")).toBe(30);
    expect(k.getArtifact("doc")?.owner).toBe("buyer");
    k.checkInvariants();
  });
});
