import { beforeAll, describe, expect, it } from "vitest";
import type { Kernel } from "./kernel.js";
import { contract, mustDeploy, testKernel } from "./test-fixtures/contracts.js";

// Issue 13 items 2 and 11, end to end through the kernel: a failing, rolled-back invoke must
// not leave memory behind for later invokes, and values nested 100 000 deep built by a
// contract come back as coded failures, never `internal`.
const STAMPER = contract(
  `class ReturnsTarget { constructor(target) { return target; } }
  const MiB = 1024 * 1024;
  const nest = (n) => { let v = 1; for (let i = 0; i < n; i++) v = [v]; return v; };
  module.exports = { default: {
    init: () => ({ n: 0 }),
    methods: {
      stamp(ctx) {
        ctx.state.n += 1;
        class Stamp extends ReturnsTarget { #blob = "x".repeat(6 * MiB); }
        new Stamp(Object.prototype);
        throw new Error("stamped, now failing");
      },
      allocate(ctx) { return "y".repeat(14 * MiB).length; },
      deepResult(ctx) { return nest(100000); },
      deepState(ctx) { ctx.state.deep = nest(100000); return 1; },
      deepEvent(ctx) { ctx.emit("deep", { v: nest(100000) }); return 1; },
    },
    views: { n: (ctx) => ctx.state.n },
  } };`,
  {
    methods: { stamp: 0, allocate: 0, deepResult: 0, deepState: 0, deepEvent: 0 },
    views: { n: 0 },
  },
);

let k: Kernel;
beforeAll(async () => {
  k = await testKernel();
  k.createPrincipal("alice", { scrip: 1_000 });
  mustDeploy(k, "alice", "stamper", STAMPER);
});

describe("a contract stamping private fields on shared objects", () => {
  it("leaves a 14 MiB method of the same contract its 32 MiB after six failed 6 MiB stamps", () => {
    for (let i = 0; i < 6; i++) {
      const failed = k.invoke("alice", "stamper", "stamp", []);
      expect(failed).toMatchObject({ success: false, error: { code: "contract_error" } });
    }
    expect(k.invoke("alice", "stamper", "n", [])).toMatchObject({ success: true, result: 0 });
    expect(k.invoke("alice", "stamper", "allocate", [])).toMatchObject({
      success: true,
      result: 14 * 1024 * 1024,
    });
  });
});

describe("values nested 100 000 deep built by a contract", () => {
  for (const method of ["deepResult", "deepState", "deepEvent"]) {
    it(`${method} fails contract_error and leaves the state as it was`, () => {
      const result = k.invoke("alice", "stamper", method, []);
      expect(result).toMatchObject({ success: false, error: { code: "contract_error" } });
      expect(k.invoke("alice", "stamper", "n", [])).toMatchObject({ success: true, result: 0 });
      expect(k.invoke("alice", "stamper", "allocate", [])).toMatchObject({ success: true });
    });
  }
});
