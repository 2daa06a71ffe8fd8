import { describe, expect, it } from "vitest";
import { KernelError } from "./kernel-error.js";
import { COUNTER, mustDeploy, testKernel } from "./test-fixtures/contracts.js";

describe("snapshot and restore", () => {
  it("restores balances, artifacts and the log exactly", async () => {
    const k = await testKernel();
    k.createPrincipal("alice", { scrip: 10 });
    mustDeploy(k, "alice", "counter", COUNTER, [1]);
    const snap = k.snapshot();
    k.invoke("alice", "counter", "inc", [5]);
    k.invoke("alice", "genesis_ledger", "transfer", ["counter", 4]);
    expect(k.getArtifact("counter")?.state).toEqual({ count: 6 });
    k.restore(snap);
    expect(k.getArtifact("counter")?.state).toEqual({ count: 1 });
    expect(k.balance("alice")).toBe(10);
    expect(k.invoke("alice", "counter", "inc", [1])).toMatchObject({ success: true, result: 2 });
    expect(k.verifyLog()).toMatchObject({ ok: true });
  });

  it("restores from a plain Uint8Array view and keeps no link to the caller's bytes", async () => {
    const k = await testKernel();
    k.createPrincipal("alice", { scrip: 10 });
    const snap = k.snapshot();
    // A view in the middle of a larger ArrayBuffer, not a Buffer: restore must read exactly it.
    const backing = new ArrayBuffer(snap.byteLength + 16);
    const view = new Uint8Array(backing, 8, snap.byteLength);
    view.set(snap);
    k.createPrincipal("bob", { scrip: 5 });
    k.restore(view);
    view.fill(0);
    expect(k.balance("alice")).toBe(10);
    expect(k.balance("bob")).toBe(0);
    expect(k.createPrincipal("bob", { scrip: 3 })).toMatchObject({ success: true });
    expect(k.verifyLog()).toMatchObject({ ok: true });
  });

  // Its speed (target ≤ 5 ms) is measured by the testing kit's snapshot benchmark, not here.
  it("takes and restores a snapshot of 1,000 artifacts and 10,000 events exactly", async () => {
    const k = await testKernel();
    k.createPrincipal("alice", { scrip: 1_000_000 });
    k.createPrincipal("bob", { scrip: 0 });
    for (let i = 0; i < 1000; i++)
      k.write("alice", `doc-${i}`, { i, text: "some content of a data artifact" });
    while ((k.verifyLog() as { count: number }).count < 10_000) {
      for (let i = 0; i < 500; i++) k.invoke("alice", "genesis_ledger", "transfer", ["bob", 1]);
    }
    const snap = k.snapshot();
    const before = { log: k.verifyLog(), bob: k.balance("bob") };
    k.invoke("alice", "genesis_ledger", "transfer", ["bob", 1]);
    k.write("alice", "doc-999", { i: -1 });
    k.restore(snap);
    expect({ log: k.verifyLog(), bob: k.balance("bob") }).toEqual(before);
    expect(k.getArtifact("doc-999")?.content).toMatchObject({ i: 999 });
  });

  it("refuses restore on a file kernel and any use after close", async () => {
    const { mkdtempSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = mkdtempSync(join(tmpdir(), "ecology-snap-"));
    const k = await testKernel({ storage: join(dir, "k.db") });
    const snap = k.snapshot();
    expect(() => k.restore(snap)).toThrow(KernelError);
    k.close();
    expect(() => k.balance("x")).toThrow(KernelError);
    k.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
