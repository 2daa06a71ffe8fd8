import { describe, expect, it } from "vitest";
import type { RuntimeError } from "./errors.js";
import { type CachedProgram, ProgramCache } from "./program-cache.js";

/** A program as the cache sees it: an id and a size that can grow (a parsed source map). */
function entry(id: string, cacheBytes: number): CachedProgram & { cacheBytes: number } {
  return { id, cacheBytes };
}

function ids(cache: ProgramCache<CachedProgram>): string[] {
  return [...cache.values()].map((program) => program.id);
}

describe("ProgramCache", () => {
  it("forgets the least recently used program beyond maxPrograms", () => {
    const cache = new ProgramCache(1_000, 3);
    for (const id of ["a", "b", "c", "d"]) cache.add(entry(id, 10));
    expect(ids(cache)).toEqual(["b", "c", "d"]);
    expect(cache.bytes).toBe(30);
  });

  it("forgets least recently used programs until the bytes fit maxBytes", () => {
    const cache = new ProgramCache(100, 50);
    for (const id of ["a", "b", "c"]) cache.add(entry(id, 30));
    cache.add(entry("d", 50));
    expect(ids(cache)).toEqual(["c", "d"]);
    expect(cache.bytes).toBe(80);
  });

  it("counts a get and a touch as a use", () => {
    const cache = new ProgramCache(1_000, 3);
    const a = entry("a", 1);
    for (const program of [a, entry("b", 1), entry("c", 1)]) cache.add(program);
    cache.get("a");
    cache.add(entry("d", 1));
    expect(ids(cache)).toEqual(["c", "a", "d"]);
    cache.touch(entry("c", 1)); // another object under a cached id: not a use of the cached one
    cache.touch(a);
    cache.add(entry("e", 1));
    expect(ids(cache)).toEqual(["d", "a", "e"]);
  });

  it("never keeps a program larger than maxBytes on its own, and keeps the others", () => {
    const cache = new ProgramCache(100, 10);
    cache.add(entry("a", 40));
    cache.add(entry("huge", 101));
    expect(ids(cache)).toEqual(["a"]);
    expect(cache.bytes).toBe(40);
  });

  it("recounts a program that grew, evicting others or itself to stay within maxBytes", () => {
    const cache = new ProgramCache(100, 10);
    const a = entry("a", 40);
    cache.add(a);
    cache.add(entry("b", 40));
    cache.touch(a); // a run of a parses its source map: a is the most recently used
    a.cacheBytes = 70;
    cache.resized(a);
    expect(ids(cache)).toEqual(["a"]);
    expect(cache.bytes).toBe(70);
    a.cacheBytes = 160;
    cache.resized(a);
    expect(ids(cache)).toEqual([]);
    expect(cache.bytes).toBe(0);
  });

  it("removes only what it holds, and replaces another program under the same id", () => {
    const cache = new ProgramCache(100, 10);
    const first = entry("a", 10);
    cache.add(first);
    cache.remove(entry("a", 10));
    expect(cache.bytes).toBe(10);
    cache.add(entry("a", 20));
    expect([cache.size, cache.bytes]).toEqual([1, 20]);
    cache.remove(first);
    expect([cache.size, cache.bytes]).toEqual([1, 20]);
  });

  for (const [what, bytes, count] of [
    ["a zero byte bound", 0, 1],
    ["a fractional count", 100, 1.5],
    ["a NaN byte bound", Number.NaN, 1],
    ["a zero count", 100, 0],
  ] as const) {
    it(`refuses ${what} with invalid_limits`, () => {
      expect(() => new ProgramCache(bytes, count)).toThrow(
        expect.objectContaining({ code: "invalid_limits" }) as RuntimeError,
      );
    });
  }
});
