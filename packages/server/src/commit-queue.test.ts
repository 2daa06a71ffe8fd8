import { performance } from "node:perf_hooks";
import { createKernel } from "@ecology/kernel";
import { describe, expect, it } from "vitest";
import { createCommitQueue } from "./commit-queue.js";

/** Keeps the thread busy for `ms`, as a slow contract run would. */
function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy on purpose
  }
}

describe("createCommitQueue", () => {
  it("commits what a batch did once it ran past maxBatchMs, and the rest right after", async () => {
    const kernel = await createKernel();
    kernel.createPrincipal("alice", { scrip: 0 });
    const queue = createCommitQueue((fn) => kernel.batch(fn), { maxBatchMs: 5 });
    const mints = Array.from({ length: 6 }, () =>
      queue.group(() => {
        spin(3);
        return kernel.mint("alice", 1);
      }),
    );
    for (const env of await Promise.all(mints)) expect(env.success).toBe(true);
    // 3 ms each, 5 ms per batch: at most two operations per commit.
    expect(queue.stats.operations).toBe(6);
    expect(queue.stats.batches).toBeGreaterThanOrEqual(3);
    expect(kernel.balance("alice")).toBe(6);
    kernel.close();
  });

  it("keeps arrival order across tasks run alone and grouped operations", async () => {
    const kernel = await createKernel();
    kernel.createPrincipal("alice", { scrip: 0 });
    const queue = createCommitQueue((fn) => kernel.batch(fn));
    const seen: number[] = [];
    const work = [
      queue.group(() => kernel.mint("alice", 1)),
      queue.group(() => kernel.mint("alice", 2)),
      queue.run(() => seen.push(kernel.balance("alice"))),
      queue.group(() => kernel.mint("alice", 4)),
      queue.run(async () => seen.push(kernel.balance("alice"))),
    ];
    await Promise.all(work);
    expect(seen).toEqual([3, 7]);
    expect(queue.stats).toEqual({ batches: 2, operations: 3 });
    kernel.close();
  });

  it("is the serial queue when there is no batch runner", async () => {
    const queue = createCommitQueue(undefined);
    await expect(queue.group(() => 5)).resolves.toBe(5);
    await expect(
      queue.group(() => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(queue.stats).toEqual({ batches: 0, operations: 0 });
  });
});
