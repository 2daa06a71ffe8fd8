import { afterEach, describe, expect, it } from "vitest";
import { chainBreak } from "./journal.js";
import type { Kernel } from "./kernel.js";
import { allJournal, COUNTER, LINK, mustDeploy, testKernel } from "./test-fixtures/contracts.js";
import { worldOf } from "./world-of.js";

let k: Kernel;
afterEach(() => k.close());

describe("the journal", () => {
  it("records every top-level operation with its exact inputs, one record per transaction", async () => {
    k = await testKernel();
    k.createPrincipal("alice", { scrip: 100 });
    k.createPrincipal("bob", { scrip: 5 });
    k.mint("bob", 7);
    mustDeploy(k, "alice", "counter", COUNTER, [3], { upgradable: true });
    k.write("alice", "doc", { secret: 42 }, { policy: { allowRead: ["alice"] } });
    k.read("alice", "doc");
    k.setPolicy("alice", "doc", { readPrice: 2 });
    k.transferOwnership("alice", "doc", "bob");
    k.invoke("bob", "counter", "inc", [2], { value: 1 });
    k.delete("bob", "doc");
    const records = allJournal(k);
    expect(records.map((r) => [r.seq, r.tx, r.origin, r.op])).toEqual([
      [1, "tx1", "operator", "createPrincipal"],
      [2, "tx2", "operator", "createPrincipal"],
      [3, "tx3", "operator", "mint"],
      [4, "tx4", "alice", "deploy"],
      [5, "tx5", "alice", "write"],
      [6, "tx6", "alice", "read"],
      [7, "tx7", "alice", "setPolicy"],
      [8, "tx8", "alice", "transferOwnership"],
      [9, "tx9", "bob", "invoke"],
      [10, "tx10", "bob", "delete"],
    ]);
    expect(records[4]?.params).toEqual({
      id: "doc",
      content: { secret: 42 },
      policy: { allowRead: ["alice"] },
    });
    expect(records[8]?.params).toEqual({ target: "counter", method: "inc", args: [2], value: 1 });
    expect(records[3]?.params.code).toEqual(COUNTER);
    expect(records[3]?.params).toMatchObject({
      id: "counter",
      args: [3],
      policy: { upgradable: true },
    });
    // Every event of an operation carries the transaction id of its record.
    const events = k.events({ limit: 1000 });
    const txs = new Set(records.map((r) => r.tx));
    for (const e of events.success ? events.result.events : []) expect(txs.has(e.tx)).toBe(true);
    expect(chainBreak(records)).toBeUndefined();
  });

  it("records a failed operation, and undoes what it wrote, in one transaction", async () => {
    k = await testKernel();
    k.createPrincipal("alice", { scrip: 10 });
    const before = allJournal(k).length;
    const env = k.write("alice", "genesis_x", { a: 1 });
    expect(env).toMatchObject({ success: false, error: { code: "invalid_argument" } });
    const records = allJournal(k);
    expect(records.length).toBe(before + 1);
    expect(records.at(-1)).toMatchObject({ op: "write", outcome: { success: false, events: 0 } });
    expect(k.getArtifact("genesis_x")).toBeUndefined();
  });

  it("keeps a failed invoke's invoke.failed records in the transaction of its record", async () => {
    k = await testKernel();
    k.createPrincipal("alice", { scrip: 10 });
    mustDeploy(k, "alice", "a", LINK);
    mustDeploy(k, "alice", "b", LINK);
    const plan = { mode: "call", next: { target: "b", plan: { throw: true } } };
    expect(k.invoke("alice", "a", "run", [plan]).success).toBe(false);
    const record = allJournal(k).at(-1);
    expect(record).toMatchObject({ op: "invoke", outcome: { success: false, events: 2 } });
    const page = k.events({ types: ["invoke.failed"] });
    const failed = page.success ? page.result.events : [];
    expect(failed.map((e) => e.tx)).toEqual([record?.tx, record?.tx]);
  });

  it("journals no failure of a caller that is not a principal, nor params that are not JSON", async () => {
    k = await testKernel();
    k.createPrincipal("alice", { scrip: 10 });
    const before = allJournal(k).length;
    expect(k.write("nobody", "doc", 1).success).toBe(false);
    expect(k.invoke("nobody", "genesis_ledger", "balance", []).success).toBe(false);
    const cyclic: { [key: string]: unknown } = {};
    cyclic.self = cyclic;
    expect(k.write("alice", "doc", cyclic as never).success).toBe(false);
    expect(allJournal(k).length).toBe(before);
  });

  it("bounds how many failures one principal can add, with the failure quota", async () => {
    k = await testKernel({ limits: { maxFailuresPerWindow: 3 } });
    k.createPrincipal("alice", { scrip: 10 });
    const before = allJournal(k).length;
    for (let i = 0; i < 10; i++) expect(k.read("alice", `missing${i}`).success).toBe(false);
    expect(allJournal(k).length).toBe(before + 3);
  });

  it("detects a record altered, removed or reordered", async () => {
    k = await testKernel();
    k.createPrincipal("alice", { scrip: 10 });
    k.write("alice", "doc", { v: 1 });
    k.write("alice", "doc", { v: 2 });
    const records = allJournal(k);
    const altered = records.map((r) => structuredClone(r));
    const victim = altered[1];
    if (victim) victim.params.content = { v: 99 };
    expect(chainBreak(altered)).toBe(2);
    expect(chainBreak([records[0], records[2]].filter((r) => r !== undefined))).toBe(2);
    expect(chainBreak([...records].reverse())).toBe(1);
  });

  it("is operator-only: nothing about it is in the public event log", async () => {
    k = await testKernel();
    k.createPrincipal("alice", { scrip: 10 });
    k.createPrincipal("bob", { scrip: 10 });
    k.write("alice", "diary", { secret: "the-launch-code" }, { policy: { allowRead: ["alice"] } });
    mustDeploy(k, "alice", "counter", COUNTER, [0]);
    k.invoke("bob", "counter", "inc", [31337]);
    expect(k.read("bob", "diary")).toMatchObject({
      success: false,
      error: { code: "not_authorized" },
    });
    const page = k.events({ limit: 1000 });
    const text = JSON.stringify(page.success ? page.result.events : []);
    expect(text).not.toContain("the-launch-code");
    // Arguments are not in kernel events (the contract's own events are its choice).
    const kernelEvents = (page.success ? page.result.events : []).filter(
      (e) => !e.type.startsWith("contract."),
    );
    expect(JSON.stringify(kernelEvents)).not.toContain("31337");
    // The journal has them, for the operator.
    expect(JSON.stringify(allJournal(k))).toContain("the-launch-code");
  });

  it("survives a file kernel's reopen and continues its chain", async () => {
    const { mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const file = join(mkdtempSync(join(tmpdir(), "journal-")), "k.db");
    k = await testKernel({ storage: file });
    k.createPrincipal("alice", { scrip: 10 });
    k.close();
    k = await testKernel({ storage: file });
    k.write("alice", "doc", 1);
    const records = allJournal(k);
    expect(records.map((r) => r.tx)).toEqual(["tx1", "tx2"]);
    expect(chainBreak(records)).toBeUndefined();
    expect(worldOf(k).storage.lastJournal()?.seq).toBe(2);
  });
});
