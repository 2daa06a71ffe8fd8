import { beforeEach, describe, expect, it } from "vitest";
import type { Kernel } from "../kernel.js";
import { fingerprint, KEEPER, mustDeploy, testKernel } from "../test-fixtures/contracts.js";
import { LOOPY_GATE } from "../test-fixtures/hostile.js";
import type { Envelope, JsonValue } from "../types.js";

let k: Kernel;

beforeEach(async () => {
  k = await testKernel();
  k.createPrincipal("owner", { scrip: 0 });
  k.createPrincipal("bob", { scrip: 100 });
  mustDeploy(k, "owner", "relay", KEEPER, ["x", []]);
});

const CYCLE = {
  success: false,
  error: { code: "not_authorized", details: { reason: "gate_cycle" } },
};

/** The codes of the `invoke.failed` events recorded so far, oldest first. */
function failedCodes(): JsonValue[] {
  const env = k.events({ types: ["invoke.failed"], limit: 1000 });
  return env.success
    ? env.result.events.map((e) => `${e.target}.${e.data.method}:${e.data.code}`)
    : [];
}

/** Every way in: top-level invoke and read, and the same through a contract. */
function attempts(id: string): Envelope<JsonValue>[] {
  const nested = k.invoke("bob", "relay", "relay", [id, "m", []]);
  return [
    k.invoke("bob", id, "m", []),
    k.read("bob", id),
    nested.success ? (nested.result as unknown as Envelope<JsonValue>) : nested,
  ];
}

describe("gate cycles fail with a coded error (ADR 0018)", () => {
  it("refuses a self-gate, and records the top-level invoke.failed", () => {
    mustDeploy(k, "owner", "x", LOOPY_GATE, [null]);
    k.setPolicy("owner", "x", { gate: "x" });
    const before = fingerprint(k);
    for (const env of attempts("x")) expect(env).toMatchObject(CYCLE);
    expect(fingerprint(k)).toBe(before);
    expect(failedCodes()).toContain("x.m:not_authorized");
    // The owner is admitted without asking the gate.
    expect(k.invoke("owner", "x", "m", [])).toMatchObject({ success: true, result: "ran" });
  });

  it("refuses an A ↔ B cycle of gates", () => {
    mustDeploy(k, "owner", "x", LOOPY_GATE, [null]);
    mustDeploy(k, "owner", "y", LOOPY_GATE, [null]);
    k.setPolicy("owner", "x", { gate: "y" });
    k.setPolicy("owner", "y", { gate: "x" });
    for (const env of attempts("x")) expect(env).toMatchObject(CYCLE);
    for (const env of attempts("y")) expect(env).toMatchObject(CYCLE);
  });

  it("refuses a longer cycle x → y → z → x", () => {
    for (const id of ["x", "y", "z"]) mustDeploy(k, "owner", id, LOOPY_GATE, [null]);
    k.setPolicy("owner", "x", { gate: "y" });
    k.setPolicy("owner", "y", { gate: "z" });
    k.setPolicy("owner", "z", { gate: "x" });
    for (const env of attempts("x")) expect(env).toMatchObject(CYCLE);
  });

  for (const probe of ["read", "invoke"]) {
    it(`refuses a gate whose check ${probe}s the artifact it guards`, () => {
      mustDeploy(k, "owner", "x", LOOPY_GATE, [null]);
      mustDeploy(k, "owner", "g", LOOPY_GATE, [probe]);
      k.setPolicy("owner", "x", { gate: "g" });
      for (const env of attempts("x")) expect(env).toMatchObject(CYCLE);
      expect(failedCodes()).toContain("x.m:not_authorized");
    });
  }

  it("lets a gate that owns what it guards call it: the guarded code is not running yet", () => {
    mustDeploy(k, "owner", "g", LOOPY_GATE, ["invoke"]);
    mustDeploy(k, "owner", "x", LOOPY_GATE, [null]);
    k.setPolicy("owner", "x", { gate: "g" });
    expect(k.transferOwnership("owner", "x", "g").success).toBe(true);
    // g is x's owner, so its call to x.get skips the gate; x is not on the stack, only guarded.
    expect(k.invoke("bob", "x", "m", [])).toMatchObject({ success: true, result: "ran" });
  });

  it("still admits through a gate that reads another artifact it gates", () => {
    mustDeploy(k, "owner", "x", LOOPY_GATE, [null]);
    mustDeploy(k, "owner", "g", LOOPY_GATE, [null]);
    k.setPolicy("owner", "x", { gate: "g" });
    k.setPolicy("owner", "relay", { gate: "g" });
    expect(k.invoke("bob", "x", "m", [])).toMatchObject({ success: true, result: "ran" });
    expect(k.invoke("bob", "relay", "relay", ["x", "m", []])).toMatchObject({
      result: { success: true, result: "ran" },
    });
  });
});
