import { afterEach, describe, expect, it } from "vitest";
import type { RuntimeError } from "./errors.js";
import { createRuntime } from "./runtime.js";
import { mappedProgram, numberedProgram, WORK } from "./test-fixtures/numbered-programs.js";
import { expectNoLeaks, leakReport } from "./testing.js";
import type { CacheStats, Runtime, RuntimeOptions } from "./types.js";

const runtimes: Runtime[] = [];
async function runtimeWith(options: RuntimeOptions): Promise<Runtime> {
  const runtime = await createRuntime(options);
  runtimes.push(runtime);
  return runtime;
}
afterEach(() => {
  for (const runtime of runtimes.splice(0)) {
    runtime.dispose();
    expectNoLeaks(runtime);
  }
});

function expectWithinBounds(stats: CacheStats): void {
  expect(stats.programs).toBeLessThanOrEqual(stats.maxPrograms);
  expect(stats.bytes).toBeLessThanOrEqual(stats.maxBytes);
  expect(stats.contexts).toBeLessThanOrEqual(stats.maxContexts);
}

describe("the program cache", () => {
  it("reports its bounds: 1024 programs, 64 MiB and 64 contexts by default", async () => {
    const runtime = await runtimeWith({});
    expect(runtime.cacheStats()).toEqual({
      programs: 0,
      bytes: 0,
      contexts: 0,
      maxPrograms: 1024,
      maxBytes: 64 * 1024 * 1024,
      maxContexts: 64,
    });
  });

  it("keeps at most maxPrograms of 300 distinct programs; a forgotten one loaded again runs and meters identically", async () => {
    const runtime = await runtimeWith({ cacheSize: 4, programCache: { maxPrograms: 40 } });
    const first = runtime.load(numberedProgram(0));
    const before = first.run(...WORK);
    expect(before).toMatchObject({ ok: true });
    for (let i = 1; i < 300; i++) {
      runtime.load(numberedProgram(i));
      expectWithinBounds(runtime.cacheStats());
    }
    expect(runtime.cacheStats()).toMatchObject({ programs: 40, contexts: 4 });
    const again = runtime.load(numberedProgram(0));
    expect(again).not.toBe(first); // compiled anew: the cache had forgotten it
    expect(again.run(...WORK)).toEqual(before);
    expect(first.run(...WORK)).toEqual(before); // the host's own reference still works
    expectWithinBounds(runtime.cacheStats());
  });

  it("keeps at most maxBytes, counting a source map parsed by a failure", async () => {
    const maxBytes = 400_000;
    const runtime = await runtimeWith({ cacheSize: 4, programCache: { maxBytes } });
    const program = runtime.load(mappedProgram(0));
    const loaded = runtime.cacheStats().bytes;
    const failed = program.run("boom", null);
    expect(failed).toMatchObject({ ok: false, error: { at: { file: "src/numbered.ts" } } });
    const parsed = runtime.cacheStats().bytes;
    expect(parsed).toBeGreaterThan(3 * loaded); // the parsed map is counted
    for (let i = 1; i < 120; i++) {
      const next = runtime.load(mappedProgram(i));
      if (i % 3 === 0) next.run("boom", null);
      expectWithinBounds(runtime.cacheStats());
    }
    const stats = runtime.cacheStats();
    expect(stats.programs).toBeLessThan(120);
    expect(stats.bytes).toBeGreaterThan(maxBytes - 2 * parsed); // full, not emptied
    expect(runtime.load(mappedProgram(0)).run("boom", null)).toEqual(failed);
  });

  it("runs a program larger than maxBytes without keeping it", async () => {
    const runtime = await runtimeWith({ programCache: { maxBytes: 1_000 } });
    runtime.load(numberedProgram(1));
    const huge = {
      ...numberedProgram(2),
      code: `${numberedProgram(2).code}\n//${"x".repeat(1_000)}`,
    };
    const program = runtime.load(huge);
    expect(program.run(...WORK)).toMatchObject({ ok: true });
    expect(runtime.cacheStats()).toMatchObject({ programs: 1 });
    expect(runtime.load(huge)).not.toBe(program);
  });

  it("refuses another code under a cached id, and accepts it once the id is forgotten", async () => {
    const runtime = await runtimeWith({ programCache: { maxPrograms: 1 } });
    runtime.load(numberedProgram(1));
    const other = { ...numberedProgram(1), code: numberedProgram(2).code };
    expect(() => runtime.load(other)).toThrow(
      expect.objectContaining({ code: "invalid_state" }) as RuntimeError,
    );
    runtime.load(numberedProgram(3));
    expect(runtime.load(other).run(...WORK)).toMatchObject({ ok: true });
  });

  it("frees on dispose the sandboxes of programs the cache forgot, and stops them running", async () => {
    const runtime = await createRuntime({ cacheSize: 3, programCache: { maxPrograms: 2 } });
    const [cold, warm] = [1, 2, 3, 4].map((i) => runtime.load(numberedProgram(i)));
    // Program 1 is forgotten and cold, program 2 forgotten but still warm.
    expect(runtime.cacheStats()).toMatchObject({ programs: 2, contexts: 3 });
    const alive = leakReport().liveSandboxes;
    runtime.dispose();
    expect(leakReport().liveSandboxes).toBe(alive - 3);
    expectNoLeaks(runtime);
    for (const forgotten of [cold, warm]) {
      expect(() => forgotten?.run(...WORK)).toThrow(
        expect.objectContaining({ code: "disposed" }) as RuntimeError,
      );
    }
    expect(leakReport().liveSandboxes).toBe(alive - 3);
  });

  for (const [what, programCache] of [
    ["a zero byte bound", { maxBytes: 0 }],
    ["a negative count", { maxPrograms: -1 }],
    ["a fractional count", { maxPrograms: 2.5 }],
  ] as const) {
    it(`refuses ${what} with invalid_limits`, async () => {
      await expect(createRuntime({ programCache })).rejects.toMatchObject({
        code: "invalid_limits",
      });
    });
  }
});
