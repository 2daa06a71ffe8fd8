import { createTestKernel, type PrincipalHandle, type TestKernel } from "@ecology/testing";
import "@ecology/testing/vitest";
import { beforeEach, describe, expect, it } from "vitest";

const secret = { formula: "42 parts scrip, 1 part trust" };
// The test kit checks conservation and single ownership after every call below.
let k: TestKernel;
let owner: PrincipalHandle;
let rich: PrincipalHandle;
let poor: PrincipalHandle;
let mallory: PrincipalHandle;

beforeEach(async () => {
  k = await createTestKernel();
  ({ owner, rich, poor, mallory } = k.principals({
    owner: 500,
    rich: 300,
    poor: 20,
    mallory: 1000,
  }));
  await k.deploy("./src/gatekeeper.ts", {
    owner,
    id: "gatekeeper",
    args: ["valuable_data", { blacklist: ["mallory"], minBalance: 100 }],
  });
  expect(
    owner.write("valuable_data", secret, { policy: { allowRead: ["gatekeeper"] } }),
  ).toSucceed();
});

describe("gatekeeper example", () => {
  it("reads the protected artifact as itself for an admitted caller", () => {
    const granted = rich.invoke("gatekeeper", "requestAccess");
    expect(granted).toHaveProperty("result", { allowed: true, data: secret });
    expect(granted).toEmit("contract.access.granted", {
      caller: "rich",
      artifact: "valuable_data",
    });
  });

  it("never gives the data to a blacklisted caller, directly or through the gatekeeper", () => {
    const denied = mallory.invoke("gatekeeper", "requestAccess");
    expect(denied).toHaveProperty("result", { allowed: false, reason: "blacklisted" });
    expect(denied).toEmit("contract.access.denied", { caller: "mallory", reason: "blacklisted" });
    expect(denied).not.toEmit("contract.access.granted");
    expect(JSON.stringify(denied)).not.toContain("42 parts");
    expect(mallory.read("valuable_data")).toFailWith("not_authorized");
  });

  it("refuses callers below the minimum balance", () => {
    expect(poor.invoke("gatekeeper", "requestAccess")).toHaveProperty("result", {
      allowed: false,
      reason: "insufficient_balance",
    });
  });

  it("lets only the owner update the rules, and applies them at once", () => {
    expect(mallory.invoke("gatekeeper", "updateRules", [{ blacklist: [] }])).toFailWith(
      "not_authorized",
    );
    expect(owner.invoke("gatekeeper", "rules")).toHaveProperty("result", {
      blacklist: ["mallory"],
      minBalance: 100,
    });
    expect(
      owner.invoke("gatekeeper", "updateRules", [
        { minBalance: 10, blacklist: ["mallory", "rich"] },
      ]),
    ).toSucceed();
    expect(poor.invoke("gatekeeper", "requestAccess")).toMatchObject({
      result: { allowed: true },
    });
    expect(rich.invoke("gatekeeper", "requestAccess")).toHaveProperty("result", {
      allowed: false,
      reason: "blacklisted",
    });
  });

  it("works as a kernel policy gate on another artifact", () => {
    expect(
      owner.write("gated_report", { q: 3 }, { policy: { gate: "gatekeeper", readPrice: 1 } }),
    ).toSucceed();
    expect(rich.read("gated_report")).toHaveProperty("result", { q: 3 });
    expect(mallory.read("gated_report")).toFailWith("not_authorized");
    expect(poor.read("gated_report")).toFailWith("not_authorized");
    expect(k.balances()).toMatchObject({ rich: 299, mallory: 1000, poor: 20, owner: 501 });
  });
});
