import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { testKernel } from "./test-fixtures/contracts.js";

const dir = mkdtempSync(join(tmpdir(), "ecology-shared-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("two kernels on one file", () => {
  it("see each other's commits (no stale caches) and keep conservation", async () => {
    const file = join(dir, "shared.db");
    const one = await testKernel({ storage: file });
    one.createPrincipal("alice", { scrip: 100 });
    one.createPrincipal("bob", { scrip: 0 });
    const two = await testKernel({ storage: file });
    expect(two.balance("alice")).toBe(100);
    expect(one.invoke("alice", "genesis_ledger", "transfer", ["bob", 30]).success).toBe(true);
    expect(two.balance("alice")).toBe(70);
    expect(two.invoke("alice", "genesis_ledger", "transfer", ["bob", 70]).success).toBe(true);
    expect(one.invoke("alice", "genesis_ledger", "transfer", ["bob", 1])).toMatchObject({
      success: false,
      error: { code: "insufficient_funds" },
    });
    one.write("bob", "note", 1);
    expect(two.write("bob", "note", 2)).toMatchObject({
      success: true,
      result: { created: false, version: 2 },
    });
    for (const k of [one, two]) {
      expect(k.balances()).toEqual({ bob: 100 });
      k.checkInvariants();
      expect(k.verifyLog()).toMatchObject({ ok: true });
    }
    one.close();
    two.close();
  });
});
