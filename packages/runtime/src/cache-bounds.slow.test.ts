import { describe, expect, it } from "vitest";
import { mappedProgram, numberedProgram, WORK } from "./test-fixtures/numbered-programs.js";
import { useSharedRuntime } from "./test-fixtures/shared-runtime.js";
import type { ProgramSource } from "./types.js";

// The default bounds: 1024 programs, 64 MiB, 64 contexts.
const shared = useSharedRuntime({ leakCheckEachTest: false });

const PROGRAMS = 10_000;
/** One large source map, shared by every fourth program so that bytes, not count, bind. */
const BIG = mappedProgram(0, 2_000);
const bigMap = BIG.sourceMap as string;

function program(i: number): ProgramSource {
  const source = numberedProgram(i);
  return i % 4 === 0 ? { ...source, sourceMap: bigMap } : source;
}

describe("a runtime that loads 10 000 distinct programs", () => {
  it("keeps its caches within their bounds, and a forgotten program runs and meters identically", () => {
    const first = shared.runtime.load(program(1));
    const before = first.run(...WORK);
    let largest = 0;
    for (let i = 2; i <= PROGRAMS; i++) {
      const loaded = shared.runtime.load(program(i));
      // Some of the mapped programs fail, which parses (and counts) their source map.
      if (i % 400 === 0) expect(loaded.run("boom", null)).toMatchObject({ ok: false });
      const stats = shared.runtime.cacheStats();
      expect(stats.programs).toBeLessThanOrEqual(1024);
      expect(stats.bytes).toBeLessThanOrEqual(64 * 1024 * 1024);
      expect(stats.contexts).toBeLessThanOrEqual(64);
      largest = Math.max(largest, stats.bytes);
    }
    const stats = shared.runtime.cacheStats();
    expect(stats.bytes).toBeGreaterThan(48 * 1024 * 1024); // the byte bound is what binds
    expect(stats.programs).toBeLessThan(1024);
    expect(largest).toBeLessThanOrEqual(64 * 1024 * 1024);
    const again = shared.runtime.load(program(1));
    expect(again).not.toBe(first);
    expect(again.run(...WORK)).toEqual(before);
    expect(first.run(...WORK)).toEqual(before);
  }, 900_000);

  it("still keeps at most 1024 programs when they are small", () => {
    for (let i = 1; i <= 2_000; i++) shared.runtime.load(numberedProgram(PROGRAMS + i));
    expect(shared.runtime.cacheStats()).toMatchObject({ programs: 1024, contexts: 64 });
  }, 900_000);
});
