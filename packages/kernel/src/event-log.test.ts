import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kernel } from "./kernel.js";
import { COUNTER, mustDeploy, testKernel } from "./test-fixtures/contracts.js";
import type { EventFilter, EventType, KernelEvent } from "./types.js";

let k: Kernel;

const NOT_IDS = ["method", "code", "message", "reason", "kind", "status", "codeHash"];

/**
 * The documented subject rule: the target, or a top-level string value of the data (for kernel
 * events, not one of the fields that only look like ids).
 */
function about(e: KernelEvent, id: string): boolean {
  const contract = e.type.startsWith("contract.");
  return (
    e.target === id ||
    Object.entries(e.data).some(([k, v]) => v === id && (contract || !NOT_IDS.includes(k)))
  );
}
let all: KernelEvent[];

function everything(kernel: Kernel): KernelEvent[] {
  const out: KernelEvent[] = [];
  let after = 0;
  for (;;) {
    const env = kernel.events({ after, limit: 7 });
    if (!env.success) throw new Error(env.error.message);
    out.push(...env.result.events);
    if (env.result.next === null) return out;
    after = env.result.next;
  }
}

function populate(kernel: Kernel): void {
  for (const p of ["alice", "bob", "carol"]) kernel.createPrincipal(p, { scrip: 50 });
  mustDeploy(kernel, "alice", "counter", COUNTER, [0], { invokePrice: 1 });
  for (let i = 0; i < 6; i++) {
    const who = ["alice", "bob", "carol"][i % 3] as string;
    kernel.invoke(who, "counter", "inc", [i]);
    kernel.invoke(who, "genesis_ledger", "transfer", [i % 2 ? "alice" : "bob", 1 + i]);
    kernel.write(who, `note-${i}`, { i });
  }
  kernel.invoke("bob", "counter", "fail", ["conflict", "no"]);
  kernel.invoke("carol", "genesis_escrow", "deposit", ["note-2", 5]);
  kernel.invoke("alice", "genesis_escrow", "purchase", ["note-2"]);
}

beforeAll(async () => {
  k = await testKernel();
  populate(k);
  all = everything(k);
});

const TYPE_CASES: EventType[][] = [
  ["scrip.transferred"],
  ["contract.inc", "artifact.created"],
  ["invoke.failed"],
  ["escrow.purchased", "escrow.deposited"],
];

describe("event log queries", () => {
  it("pages through every event in seq order with no gaps", () => {
    expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));
    expect(all.length).toBeGreaterThan(30);
  });

  it.each(TYPE_CASES)("filters by type %s exactly", (...types) => {
    const env = k.events({ types, limit: 1000 });
    expect(env.success && env.result.events.filter((e) => e.seq <= all.length)).toEqual(
      all.filter((e) => types.includes(e.type)),
    );
    expect(k.invoke("alice", "genesis_event_log", "count", [{ types }])).toMatchObject({
      result: all.filter((e) => types.includes(e.type)).length,
    });
  });

  it.each(["alice", "bob", "carol", "counter"])(
    "filters by principal %s (actor or subject) exactly",
    (p) => {
      const env = k.events({ principal: p, limit: 1000, before: all.length + 1 });
      const expected = all.filter((e) => e.actor === p || about(e, p));
      expect(env.success && env.result.events.map((e) => e.seq)).toEqual(
        expected.map((e) => e.seq),
      );
    },
  );

  it.each(["counter", "note-2", "alice"])("filters by artifact %s exactly", (a) => {
    const env = k.events({ artifact: a, limit: 1000, before: all.length + 1 });
    const expected = all.filter((e) => about(e, a));
    expect(env.success && env.result.events.map((e) => e.seq)).toEqual(expected.map((e) => e.seq));
  });

  it("filters by sequence range, combined with type and principal", () => {
    const filter: EventFilter = {
      after: 10,
      before: 30,
      types: ["scrip.transferred"],
      principal: "bob",
    };
    expect(k.events(filter).success).toBe(true);
    const env = k.events({ after: 10, before: 30, types: ["scrip.transferred"], principal: "bob" });
    const expected = all.filter(
      (e) =>
        e.seq > 10 &&
        e.seq < 30 &&
        e.type === "scrip.transferred" &&
        (e.actor === "bob" || about(e, "bob")),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(env.success && env.result.events).toEqual(expected);
    const both = k.events({ principal: "bob", artifact: "counter", before: all.length + 1 });
    const exp2 = all.filter((e) => (e.actor === "bob" || about(e, "bob")) && about(e, "counter"));
    expect(exp2.length).toBeGreaterThan(0);
    expect(both.success && both.result.events.map((e) => e.seq)).toEqual(exp2.map((e) => e.seq));
  });

  it("reads the same pages through genesis_event_log, nested or not", () => {
    const env = k.invoke("alice", "genesis_event_log", "read", [
      { types: ["contract.inc"], limit: 2 },
    ]);
    expect(env).toMatchObject({ success: true, result: { next: expect.any(Number) } });
    const r = env.success ? (env.result as unknown as { events: KernelEvent[] }).events : [];
    expect(r.map((e) => e.seq)).toEqual(
      all
        .filter((e) => e.type === "contract.inc")
        .slice(0, 2)
        .map((e) => e.seq),
    );
  });

  it.each([
    [{ limit: 1001 }],
    [{ after: -1 }],
    [{ types: "x" }],
    [{ principal: "bad id!" }],
    [{ bogus: 1 }],
  ])("refuses bad filter %j", (f) => {
    expect(k.events(f as never)).toMatchObject({
      success: false,
      error: { code: "invalid_argument" },
    });
  });
});

describe("verifyLog", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "ecology-log-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("verifies an untouched log", () => {
    const v = k.verifyLog();
    expect(v.ok && v.count).toBeGreaterThanOrEqual(all.length);
  });

  it.each([
    ["data", "UPDATE events SET data = '{\"amount\":999}' WHERE seq = ?"],
    ["type", "UPDATE events SET type = 'artifact.read' WHERE seq = ?"],
    ["actor", "UPDATE events SET actor = 'mallory' WHERE seq = ?"],
    ["time", "UPDATE events SET time = time + 1 WHERE seq = ?"],
    ["hash", "UPDATE events SET hash = '00' || substr(hash, 3) WHERE seq = ?"],
    ["deletion", "DELETE FROM events WHERE seq = ?"],
  ])("fails at the altered event when its %s is changed", async (name, sql) => {
    const file = join(dir, `${name}.db`);
    const fk = await testKernel({ storage: file });
    populate(fk);
    fk.close();
    const db = new Database(file);
    db.prepare(sql).run(17);
    db.close();
    const reopened = await testKernel({ storage: file });
    expect(reopened.verifyLog()).toMatchObject({ ok: false, seq: 17 });
    reopened.close();
  });
});
