import { createRuntime } from "@ecology/runtime";
import { afterAll, describe, expect, it } from "vitest";
import { createKernel } from "../create-kernel.js";
import { contract } from "../test-fixtures/contracts.js";
import { worldOf } from "../world-of.js";

/**
 * A long-running kernel deploys and runs 10,000 distinct contracts for real (each builds its
 * own sandbox): the kernel's contract cache and the runtime's program cache both stay within
 * their bounds the whole time, and the first contract, long evicted from both, still runs.
 */
describe("a long-running kernel's caches, end to end", () => {
  const bounds = { maxBytes: 256 * 1024, maxEntries: 200 };
  const programs = { maxBytes: 2 * 1024 * 1024, maxPrograms: 64 };
  let close = () => {};
  afterAll(() => close());

  it("stay within their bounds over 10,000 deployed and invoked contracts", async () => {
    const runtime = await createRuntime({ programCache: programs });
    const k = await createKernel({ runtime, contractCache: bounds });
    close = () => {
      k.close();
      runtime.dispose();
    };
    k.createPrincipal("alice", { scrip: 0 });
    const { contracts } = worldOf(k);
    let most = { entries: 0, bytes: 0, programs: 0, programBytes: 0 };
    for (let i = 0; i < 10_000; i++) {
      const code = contract(`module.exports = { default: { methods: { n: () => ${i} } } };`, {
        methods: { n: 0 },
      });
      expect(k.deploy("alice", { id: `c${i}`, code }).success).toBe(true);
      expect(k.invoke("alice", `c${i}`, "n", [])).toMatchObject({ success: true, result: i });
      const stats = runtime.cacheStats();
      most = {
        entries: Math.max(most.entries, contracts.size),
        bytes: Math.max(most.bytes, contracts.bytes),
        programs: Math.max(most.programs, stats.programs),
        programBytes: Math.max(most.programBytes, stats.bytes),
      };
    }
    expect(most.entries).toBeLessThanOrEqual(bounds.maxEntries);
    expect(most.bytes).toBeLessThanOrEqual(bounds.maxBytes);
    expect(most.programs).toBeLessThanOrEqual(programs.maxPrograms);
    expect(most.programBytes).toBeLessThanOrEqual(programs.maxBytes);
    expect(k.invoke("alice", "c0", "n", [])).toMatchObject({ success: true, result: 0 });
    k.checkInvariants();
  }, 1_200_000);
});
