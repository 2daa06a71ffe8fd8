import { beforeEach, describe, expect, it } from "vitest";
import type { Kernel } from "../kernel.js";
import {
  COUNTER,
  fingerprint,
  GATE,
  KEEPER,
  mustDeploy,
  testKernel,
} from "../test-fixtures/contracts.js";

let k: Kernel;

beforeEach(async () => {
  k = await testKernel();
  for (const p of ["alice", "bob", "carol"]) k.createPrincipal(p, { scrip: 100 });
  mustDeploy(k, "alice", "counter", COUNTER, [0], {
    allowInvoke: ["bob", "keeper"],
    allowRead: ["bob"],
  });
  k.write("alice", "secret", { answer: 42 }, { policy: { allowRead: ["keeper"], readPrice: 2 } });
  mustDeploy(k, "alice", "keeper", KEEPER, ["secret", ["bob"]]);
  k.mint("keeper", 10);
});

describe("allowInvoke, allowRead and gate", () => {
  it("enforces allowInvoke top-level", () => {
    expect(k.invoke("bob", "counter", "inc", [1]).success).toBe(true);
    const before = fingerprint(k);
    expect(k.invoke("carol", "counter", "inc", [1])).toMatchObject({
      success: false,
      error: { code: "not_authorized", details: { reason: "allowInvoke" } },
    });
    expect(fingerprint(k)).toBe(before);
  });

  it("enforces allowInvoke nested, with the calling contract as caller", () => {
    expect(k.invoke("carol", "keeper", "relay", ["counter", "inc", [1]])).toMatchObject({
      success: true,
      result: { success: true, result: 1 },
    });
    k.setPolicy("alice", "counter", { allowInvoke: ["bob"] });
    const env = k.invoke("bob", "keeper", "relay", ["counter", "inc", [1]]);
    expect(env).toMatchObject({
      success: true,
      result: {
        success: false,
        error: {
          code: "not_authorized",
          path: [
            { artifact: "keeper", method: "relay" },
            { artifact: "counter", method: "inc" },
          ],
        },
      },
    });
  });

  it("enforces allowRead top-level and nested", () => {
    expect(k.read("bob", "counter")).toMatchObject({
      success: true,
      result: { kind: "contract", state: { count: 0 } },
    });
    expect(k.read("carol", "counter")).toMatchObject({
      success: false,
      error: { code: "not_authorized" },
    });
    expect(k.read("bob", "secret")).toMatchObject({
      success: false,
      error: { code: "not_authorized" },
    });
    expect(k.read("alice", "secret")).toMatchObject({
      success: true,
      result: { answer: 42 },
      cost: { price: 0 },
    });
  });

  it("lets a gatekeeper read what allows only it and hand it to callers it admits", () => {
    const env = k.invoke("bob", "keeper", "request", []);
    expect(env).toMatchObject({ success: true, result: { answer: 42 } });
    expect(k.balance("keeper")).toBe(8);
    expect(k.balance("alice")).toBe(102);
    expect(k.invoke("carol", "keeper", "request", [])).toMatchObject({
      success: false,
      error: { code: "not_authorized", message: "carol is not a member" },
    });
    expect(k.read("carol", "secret")).toMatchObject({
      success: false,
      error: { code: "not_authorized" },
    });
    k.checkInvariants();
  });

  it("consults the gate on invoke and read, top-level and nested", () => {
    mustDeploy(k, "alice", "gate", GATE, [["bob", "keeper"]]);
    k.setPolicy("alice", "counter", { allowInvoke: "*", allowRead: "*", gate: "gate" });
    expect(k.invoke("bob", "counter", "inc", [1]).success).toBe(true);
    expect(k.invoke("carol", "counter", "inc", [1])).toMatchObject({
      success: false,
      error: { code: "not_authorized", details: { reason: "gate" } },
    });
    expect(k.read("carol", "counter")).toMatchObject({
      success: false,
      error: { code: "not_authorized" },
    });
    expect(k.read("bob", "counter").success).toBe(true);
    // nested: carol → keeper → counter; the keeper is admitted by the gate
    expect(k.invoke("carol", "keeper", "relay", ["counter", "inc", [1]])).toMatchObject({
      success: true,
      result: { success: true, result: 2 },
    });
    k.invoke("alice", "gate", "allow", ["nobody"]);
    k.setPolicy("alice", "gate", { allowInvoke: ["nobody"] });
    // a gate that refuses to run for the protected artifact fails closed
    expect(k.invoke("bob", "counter", "inc", [1])).toMatchObject({
      success: false,
      error: { code: "not_authorized", details: { gateError: "not_authorized" } },
    });
    expect(k.invoke("alice", "counter", "inc", [1]).success).toBe(true);
  });

  it("enforces allowRead and the gate on nested reads (ctx.read)", () => {
    mustDeploy(k, "alice", "keeper2", KEEPER, ["secret", ["bob"]]);
    k.mint("keeper2", 10);
    expect(k.invoke("bob", "keeper2", "request", [])).toMatchObject({
      success: false,
      error: { code: "not_authorized", details: { reason: "allowRead" } },
    });
    mustDeploy(k, "alice", "gate", GATE, [["keeper"]]);
    k.setPolicy("alice", "secret", { allowRead: "*", gate: "gate" });
    expect(k.invoke("bob", "keeper2", "request", [])).toMatchObject({
      success: false,
      error: { code: "not_authorized", details: { reason: "gate" } },
    });
    expect(k.invoke("bob", "keeper", "request", [])).toMatchObject({
      success: true,
      result: { answer: 42 },
    });
    expect(k.balance("keeper2")).toBe(10);
  });

  it("enforces the gate for nested callers it does not admit", () => {
    mustDeploy(k, "alice", "gate", GATE, [["bob"]]);
    k.setPolicy("alice", "counter", { allowInvoke: "*", gate: "gate" });
    const env = k.invoke("bob", "keeper", "relay", ["counter", "inc", [1]]);
    expect(env).toMatchObject({
      success: true,
      result: { success: false, error: { code: "not_authorized" } },
    });
    expect(k.invoke("bob", "counter", "get", [])).toMatchObject({ result: 0 });
  });
});
