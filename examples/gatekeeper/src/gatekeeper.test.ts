import { join } from "node:path";
import type { Kernel } from "@ecology/kernel";
import { beforeEach, describe, expect, it } from "vitest";
import { balancesOf, deployFile, errorCode, eventData, kernelWith, ok } from "./test-kit.js";

const here = import.meta.dirname;
const secret = { formula: "42 parts scrip, 1 part trust" };
let k: Kernel;

beforeEach(async () => {
  k = await kernelWith({ owner: 500, rich: 300, poor: 20, mallory: 1000 });
  await deployFile(k, "owner", join(here, "gatekeeper.ts"), {
    id: "gatekeeper",
    args: ["valuable_data", { blacklist: ["mallory"], minBalance: 100 }],
  });
  ok(k.write("owner", "valuable_data", secret, { policy: { allowRead: ["gatekeeper"] } }));
});

describe("gatekeeper example", () => {
  it("reads the protected artifact as itself for an admitted caller", () => {
    const granted = k.invoke("rich", "gatekeeper", "requestAccess", []);
    expect(ok(granted)).toEqual({ allowed: true, data: secret });
    expect(eventData(granted, "contract.access.granted")).toEqual({
      caller: "rich",
      artifact: "valuable_data",
    });
  });

  it("never gives the data to a blacklisted caller, directly or through the gatekeeper", () => {
    const denied = k.invoke("mallory", "gatekeeper", "requestAccess", []);
    expect(ok(denied)).toEqual({ allowed: false, reason: "blacklisted" });
    expect(eventData(denied, "contract.access.denied")).toEqual({
      caller: "mallory",
      reason: "blacklisted",
    });
    expect(eventData(denied, "contract.access.granted")).toBeUndefined();
    expect(JSON.stringify(denied)).not.toContain("42 parts");
    expect(errorCode(k.read("mallory", "valuable_data"))).toBe("not_authorized");
  });

  it("refuses callers below the minimum balance", () => {
    expect(ok(k.invoke("poor", "gatekeeper", "requestAccess", []))).toEqual({
      allowed: false,
      reason: "insufficient_balance",
    });
  });

  it("lets only the owner update the rules, and applies them at once", () => {
    expect(errorCode(k.invoke("mallory", "gatekeeper", "updateRules", [{ blacklist: [] }]))).toBe(
      "not_authorized",
    );
    expect(ok(k.invoke("owner", "gatekeeper", "rules", []))).toEqual({
      blacklist: ["mallory"],
      minBalance: 100,
    });
    ok(
      k.invoke("owner", "gatekeeper", "updateRules", [
        { minBalance: 10, blacklist: ["mallory", "rich"] },
      ]),
    );
    expect(ok(k.invoke("poor", "gatekeeper", "requestAccess", []))).toMatchObject({
      allowed: true,
    });
    expect(ok(k.invoke("rich", "gatekeeper", "requestAccess", []))).toEqual({
      allowed: false,
      reason: "blacklisted",
    });
  });

  it("works as a kernel policy gate on another artifact", () => {
    ok(
      k.write("owner", "gated_report", { q: 3 }, { policy: { gate: "gatekeeper", readPrice: 1 } }),
    );
    expect(ok(k.read("rich", "gated_report"))).toEqual({ q: 3 });
    expect(errorCode(k.read("mallory", "gated_report"))).toBe("not_authorized");
    expect(errorCode(k.read("poor", "gated_report"))).toBe("not_authorized");
    expect(balancesOf(k, "rich", "mallory", "poor", "owner")).toEqual({
      rich: 299,
      mallory: 1000,
      poor: 20,
      owner: 501,
    });
  });
});
