import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { createKernel } from "./create-kernel.js";
import { KernelError } from "./kernel-error.js";
import { replay } from "./replay/replay.js";
import {
  allJournal,
  fingerprint,
  fuzzRuns,
  sharedRuntime,
  testKernel,
} from "./test-fixtures/contracts.js";
import { allEvents, apply, type Step, stage, step } from "./test-fixtures/history.js";
import type { JsonValue } from "./types.js";

const dir = mkdtempSync(join(tmpdir(), "ecology-batch-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Content whose serialization throws: a kernel bug as far as the operation is concerned. */
function poisoned(): JsonValue {
  return {
    get boom(): JsonValue {
      throw new Error("a getter that throws");
    },
  } as unknown as JsonValue;
}

/** Splits `steps` into consecutive groups of the given sizes (cycled). */
function groups(steps: Step[], sizes: number[]): Step[][] {
  const out: Step[][] = [];
  for (let i = 0, g = 0; i < steps.length; g++) {
    const size = sizes[g % sizes.length] ?? 1;
    out.push(steps.slice(i, i + size));
    i += size;
  }
  return out;
}

describe("kernel.batch (group commit)", () => {
  it("leaves exactly the history of the same operations performed one at a time, and replays it", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 5, maxLength: 40 }),
        fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 5 }),
        async (steps, sizes) => {
          const alone = await stage();
          const grouped = await stage();
          try {
            for (const s of steps) apply(alone, s);
            for (const group of groups(steps, sizes))
              grouped.batch(() => {
                for (const s of group) apply(grouped, s);
              });
            const records = allJournal(grouped);
            // Same tx ids, times, params, outcomes and hash chains: a reader of the journal or
            // the log cannot tell which operations shared a commit.
            expect(records).toEqual(allJournal(alone));
            expect(allEvents(grouped)).toEqual(allEvents(alone));
            expect(fingerprint(grouped)).toBe(fingerprint(alone));
            grouped.checkInvariants();
            const report = await replay(records, { runtime: await sharedRuntime() });
            expect(report).toMatchObject({ success: true, result: { identical: true } });
          } finally {
            alone.close();
            grouped.close();
          }
        },
      ),
      { numRuns: fuzzRuns(15) },
    );
  }, 300_000);

  it("rolls back a refused or throwing operation alone; the others commit with their own records", async () => {
    const k = await testKernel();
    k.createPrincipal("alice", { scrip: 10 });
    const before = allJournal(k).length;
    const outcomes = k.batch(() => {
      const first = k.write("alice", "one", { n: 1 });
      const refused = k.delete("alice", "nothing-here");
      let thrown: unknown;
      try {
        k.write("alice", "bad", poisoned());
      } catch (e) {
        thrown = e;
      }
      const last = k.write("alice", "two", { n: 2 });
      return { first, refused, thrown, last };
    });
    expect(outcomes.first.success && outcomes.last.success).toBe(true);
    expect(outcomes.refused).toMatchObject({ success: false, error: { code: "not_found" } });
    expect(String(outcomes.thrown)).toContain("a getter that throws");
    expect(k.getArtifact("bad")).toBeUndefined();
    expect(k.getArtifact("two")?.content).toEqual({ n: 2 });
    const records = allJournal(k).slice(before);
    expect(records.map((r) => [r.op, r.tx])).toEqual([
      ["write", `tx${before + 1}`],
      ["delete", `tx${before + 2}`],
      ["write", `tx${before + 3}`],
    ]);
    expect(k.verifyLog()).toMatchObject({ ok: true });
    k.close();
  });

  it("rolls everything back when the batch itself throws, and the kernel goes on", async () => {
    const k = await testKernel();
    k.createPrincipal("alice", { scrip: 10 });
    const journal = allJournal(k);
    const seen = fingerprint(k);
    expect(() =>
      k.batch(() => {
        expect(k.write("alice", "doc", { n: 1 }).success).toBe(true);
        expect(k.mint("alice", 5).success).toBe(true);
        throw new Error("the batch fails");
      }),
    ).toThrow("the batch fails");
    expect(allJournal(k)).toEqual(journal);
    expect(fingerprint(k)).toBe(seen);
    expect(k.write("alice", "doc", { n: 2 })).toMatchObject({ success: true });
    expect(allJournal(k).at(-1)?.tx).toBe(`tx${journal.length + 1}`);
    k.close();
  });

  it("refuses to nest and refuses an async function, committing nothing", async () => {
    const k = await testKernel();
    k.createPrincipal("alice", { scrip: 10 });
    const nested = () => k.batch(() => k.batch(() => 1));
    expect(nested).toThrow(KernelError);
    expect(() =>
      k.batch(async () => {
        k.mint("alice", 1);
      }),
    ).toThrow(/synchronous/);
    expect(k.balance("alice")).toBe(10);
    k.close();
  });

  it("commits a file kernel's batch at once: another connection sees none of it before", async () => {
    const path = join(dir, "grouped.db");
    const k = await createKernel({ storage: path, runtime: await sharedRuntime() });
    const other = await createKernel({ storage: path, runtime: await sharedRuntime() });
    k.createPrincipal("alice", { scrip: 10 });
    k.batch(() => {
      for (let i = 0; i < 5; i++) expect(k.write("alice", `doc${i}`, { i }).success).toBe(true);
      expect(other.getArtifact("doc0")).toBeUndefined();
    });
    for (let i = 0; i < 5; i++) expect(other.getArtifact(`doc${i}`)?.content).toEqual({ i });
    expect(other.verifyLog()).toMatchObject({ ok: true });
    other.close();
    k.close();
  });
});
