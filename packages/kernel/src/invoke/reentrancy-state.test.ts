import { beforeEach, describe, expect, it } from "vitest";
import type { Kernel } from "../kernel.js";
import { contract, mustDeploy, testKernel } from "../test-fixtures/contracts.js";
import { BANK, BANK_THIEF, PINGPONG } from "../test-fixtures/hostile.js";
import type { JsonValue } from "../types.js";

/** Re-entered during its own init: init calls a poker, which calls back `bump`. */
const SELF_POKING = contract(
  `module.exports = { default: {
    init(ctx, poker) { ctx.state.n = 0; ctx.call(poker, "poke", ctx.self); ctx.state.seen = ctx.state.n; },
    methods: { bump(ctx) { ctx.state.n += 1; } },
  } };`,
  { methods: { bump: 0 }, init: 1, reentrant: true },
);
const POKER = contract(
  `module.exports = { default: { methods: { poke(ctx, id) { ctx.call(id, "bump"); } } } };`,
  { methods: { poke: 1 } },
);

let k: Kernel;

beforeEach(async () => {
  k = await testKernel();
  k.createPrincipal("owner", { scrip: 0 });
  k.createPrincipal("saver", { scrip: 50 });
  k.createPrincipal("mallory", { scrip: 0 });
  mustDeploy(k, "owner", "bank", BANK);
  mustDeploy(k, "mallory", "thief", BANK_THIEF);
  k.mint("thief", 10);
  expect(k.invoke("saver", "bank", "deposit", [], { value: 50 }).success).toBe(true);
});

function owed(): JsonValue {
  const env = k.invoke("owner", "bank", "owed", []);
  return env.success ? env.result : env.error.code;
}

describe("a reentrant contract's state across nested frames (ADR 0018)", () => {
  for (const how of ["withdraw", "withdrawInvoke"]) {
    it(`keeps a bank that zeroes before paying out (${how}) from being drained`, () => {
      expect(k.invoke("mallory", "thief", "arm", [30, how]).success).toBe(true);
      const env = k.invoke("mallory", "thief", "attack", ["bank", 10]);
      // The re-entered withdraw sees the zeroed balance and fails; the thief catches it.
      expect(env).toMatchObject({ success: true, result: 10 });
      expect(k.balance("thief")).toBe(10);
      expect(k.balance("bank")).toBe(50);
      expect(owed()).toBe(50);
      const failed = k.events({ types: ["invoke.failed"] });
      expect(failed.success && failed.result.events.map((e) => e.data.code)).toEqual([
        "insufficient_funds",
      ]);
      k.checkInvariants();
    });
  }

  it("shows each frame the other's committed state through A → B → A → B", () => {
    mustDeploy(k, "owner", "A", PINGPONG);
    mustDeploy(k, "owner", "B", PINGPONG);
    expect(k.invoke("saver", "A", "rec", ["B", 3, -1])).toMatchObject({ success: true, result: 4 });
    expect(k.getArtifact("A")?.state).toEqual({ log: ["in3", "in1", "out1", "out3"] });
    expect(k.getArtifact("B")?.state).toEqual({ log: ["in2", "in0", "out0", "out2"] });
    // A second round starts from what the first committed, at every depth.
    expect(k.invoke("saver", "A", "rec", ["B", 1, -1])).toMatchObject({ success: true, result: 6 });
    expect(k.getArtifact("B")?.state).toEqual({
      log: ["in2", "in0", "out0", "out2", "in0", "out0"],
    });
  });

  it("also holds with ctx.call at every depth", () => {
    mustDeploy(k, "owner", "A", PINGPONG);
    mustDeploy(k, "owner", "B", PINGPONG);
    expect(k.invoke("saver", "A", "rec", ["B", 4, -2]).success).toBe(true);
    expect(k.getArtifact("A")?.state).toEqual({
      log: ["in4", "in2", "in0", "out0", "out2", "out4"],
    });
    expect(k.getArtifact("B")?.state).toEqual({ log: ["in3", "in1", "out1", "out3"] });
  });

  it("shares the state of an init that is re-entered", () => {
    mustDeploy(k, "owner", "poker", POKER);
    mustDeploy(k, "owner", "poked", SELF_POKING, ["poker"]);
    expect(k.getArtifact("poked")?.state).toEqual({ n: 1, seen: 1 });
  });

  it("gives the outer frame back its own state as of the call when the inner frame fails", () => {
    mustDeploy(k, "owner", "A", PINGPONG);
    mustDeploy(k, "owner", "B", PINGPONG);
    // A3 → B2 → A1 (throws after B0 committed inside it): A1 and B0 are undone.
    expect(k.invoke("saver", "A", "rec", ["B", 3, 1]).success).toBe(true);
    expect(k.getArtifact("A")?.state).toEqual({ log: ["in3", "out3"] });
    expect(k.getArtifact("B")?.state).toEqual({ log: ["in2", "out2!"] });
    k.checkInvariants();
  });
});
