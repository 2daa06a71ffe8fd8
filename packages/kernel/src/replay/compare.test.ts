import { describe, expect, it } from "vitest";
import { createKernel } from "../create-kernel.js";
import { COUNTER } from "../test-fixtures/contracts.js";
import type { ContractCode, JournalRecord } from "../types.js";
import { replay } from "./replay.js";

/** COUNTER with `inc` doing extra work for the same answer: new code hash, more compute. */
const SLOWER: ContractCode = {
  ...COUNTER,
  js: COUNTER.js.replace(
    "ctx.state.count += by;",
    "for (let i = 0; i < 50; i++) {} ctx.state.count += by;",
  ),
};

/** COUNTER with `inc` counting twice. */
const DOUBLED: ContractCode = {
  ...COUNTER,
  js: COUNTER.js.replace("ctx.state.count += by;", "ctx.state.count += 2 * by;"),
};

/** A journal: alice deploys the counter, bob increments it twice. */
async function history(): Promise<JournalRecord[]> {
  const kernel = await createKernel();
  try {
    kernel.createPrincipal("alice", { scrip: 10 });
    kernel.createPrincipal("bob", { scrip: 10 });
    expect(kernel.deploy("alice", { id: "counter", code: COUNTER }).success).toBe(true);
    expect(kernel.invoke("bob", "counter", "inc", [2]).success).toBe(true);
    expect(kernel.invoke("bob", "counter", "inc", [3]).success).toBe(true);
    const page = kernel.journal({ limit: 1000 });
    if (!page.success) throw new Error(page.error.message);
    return page.result.records;
  } finally {
    await kernel.close();
  }
}

describe("replay with code overrides", () => {
  it("does not count a new code hash or different compute as a divergence", async () => {
    const env = await replay(await history(), { code: { counter: SLOWER } });
    if (!env.success) throw new Error(env.error.message);
    expect(env.result.divergences).toEqual([]);
    expect(env.result.identical).toBe(true);
  });

  it("reports only the invokes whose behaviour changed, not the deploy", async () => {
    const env = await replay(await history(), { code: { counter: DOUBLED } });
    if (!env.success) throw new Error(env.error.message);
    const diverged = env.result.divergences.map((d) => [d.seq, d.call, d.aspects]);
    // The contract's own `inc` event carries `by`, the same in both runs: no events divergence.
    expect(diverged).toEqual([
      [4, "counter.inc", ["result", "state"]],
      [5, "counter.inc", ["result", "state"]],
    ]);
    expect(env.result.final).toEqual([
      { kind: "state", id: "counter", original: { count: 5 }, replayed: { count: 10 } },
    ]);
  });
});
