import { describe, expect, it } from "vitest";
import { createRuntime, retainedBytes, runtimeStats } from "./runtime.js";
import { RETAINED_SLACK_BYTES } from "./sandbox.js";
import { useSharedRuntime } from "./test-fixtures/shared-runtime.js";
import { expectNoLeaks } from "./testing.js";
import type { HostApi } from "./types.js";

// Issue 13 item 2: nothing a run allocates may outlive it. Freezing stops writes to shared
// objects, but not private fields installed through a base constructor that returns one.
const STAMPER = `
class ReturnsTarget { constructor(target) { return target; } }
const MiB = 1024 * 1024;
module.exports.stamp = (input) => {
  class Stamp extends ReturnsTarget { #blob = "x".repeat(input.mib * MiB); }
  new Stamp(Object.prototype);
  throw new Error("stamped, now failing");
};
module.exports.allocate = (input) => "y".repeat(input.mib * MiB).length;
`;

const shared = useSharedRuntime();

describe("private fields stamped on shared objects", () => {
  it("a failing 6 MiB stamp, six times, leaves a 14 MiB run its 32 MiB", () => {
    const program = shared.runtime.load({ id: "stamper", code: STAMPER });
    for (let i = 0; i < 6; i++) {
      const failed = program.run("stamp", { mib: 6 });
      expect(failed).toMatchObject({ ok: false, error: { code: "thrown" } });
    }
    expect(program.run("allocate", { mib: 14 })).toMatchObject({ ok: true, value: 14 * 2 ** 20 });
    expect(retainedBytes(shared.runtime).every((bytes) => bytes <= RETAINED_SLACK_BYTES)).toBe(
      true,
    );
  });

  it("refuses the stamp with a catchable TypeError, before any field exists", () => {
    const program = shared.runtime.load({
      id: "stamper-catches",
      code: `class R { constructor(t) { return t; } }
        class S extends R { #a = 1; static has(o) { return #a in o; } }
        module.exports.f = () => {
          let message = "";
          try { new S(Object.prototype); } catch (e) { message = e.message; }
          return { message, stamped: S.has(Object.prototype) };
        };`,
    });
    const result = program.run("f", null);
    expect(result).toMatchObject({
      ok: true,
      value: { message: "private fields cannot be added to a shared object", stamped: false },
    });
    // The refusal is priced like the rebuild it causes, the same on every run.
    expect(result.compute).toBeGreaterThan(100_000);
    expect(program.run("f", null).compute).toBe(result.compute);
    expect(program.run("f", null, { limits: { compute: 50_000 } })).toMatchObject({
      ok: false,
      error: { code: "out_of_compute" },
    });
  });

  it("leaves ordinary derived classes with private members alone", () => {
    const program = shared.runtime.load({
      id: "derived-ok",
      code: `class Base { constructor(n) { this.n = n; } }
        class Counter extends Base { #step = 2; #twice() { return this.#step * 2; } next() { return this.n + this.#twice(); } }
        class Implicit extends Counter { #extra = 1; get extra() { return this.#extra; } }
        module.exports.f = () => [new Counter(1).next(), new Implicit(5).next(), new Implicit(0).extra];`,
    });
    const before = runtimeStats(shared.runtime).recycledSandboxes;
    expect(program.run("f", null)).toMatchObject({ ok: true, value: [5, 9, 1] });
    expect(program.run("f", null)).toMatchObject({ ok: true, value: [5, 9, 1] });
    expect(runtimeStats(shared.runtime).recycledSandboxes).toBe(before);
  });
});

describe("the heap after a run", () => {
  it("recycles a context left with uncollected garbage beyond the slack", () => {
    const program = shared.runtime.load({
      id: "cycles",
      code: `module.exports.leave = (input) => {
          let head = null;
          for (let i = 0; i < input.n; i++) head = { next: head, pad: "z".repeat(64) + i };
          if (head !== null) head.self = head;
          return input.n;
        };`,
    });
    const before = runtimeStats(shared.runtime).recycledSandboxes;
    // A chain of ~4 MiB held by a cycle: refcounting cannot free it and QuickJS's GC has not run
    // by the end of the run, so it would stay in the warm heap.
    expect(program.run("leave", { n: 30_000 })).toMatchObject({ ok: true });
    expect(runtimeStats(shared.runtime).recycledSandboxes).toBe(before + 1);
    expect(program.run("leave", { n: 1 })).toMatchObject({ ok: true, value: 1 });
    expect(retainedBytes(shared.runtime).every((bytes) => bytes <= RETAINED_SLACK_BYTES)).toBe(
      true,
    );
  });

  it("gives identical results and units on a recycled context as on a fresh one", async () => {
    const code = `${STAMPER}
      module.exports.work = (input, host) => {
        const rolls = [Math.random(), Math.random()];
        const total = host.price(input.item) * input.qty;
        return { rolls, total, label: JSON.stringify({ item: input.item }) };
      };`;
    const host: HostApi = { price: (item) => String(item).length };
    const options = { host, seed: "tx-1:0" };
    const input = { item: "apple", qty: 3 };
    const fresh = await createRuntime();
    try {
      const expected = fresh.load({ id: "work", code }).run("work", input, options);
      const program = shared.runtime.load({ id: "work-recycled", code });
      const before = runtimeStats(shared.runtime).recycledSandboxes;
      program.run("stamp", { mib: 1 });
      expect(runtimeStats(shared.runtime).recycledSandboxes).toBe(before + 1);
      expect(program.run("work", input, options)).toEqual(expected);
      expect(program.run("work", input, options)).toEqual(expected);
    } finally {
      fresh.dispose();
    }
  });
});

describe("memory held across many programs", () => {
  it("stays bounded by the warm-context cache and the per-context slack", async () => {
    const cacheSize = 8;
    const small = await createRuntime({ cacheSize });
    try {
      for (let i = 0; i < 3 * cacheSize; i++) {
        const program = small.load({ id: `stamper-${i}`, code: STAMPER });
        program.run("stamp", { mib: 2 });
        program.run("allocate", { mib: 1 });
        const stats = runtimeStats(small);
        expect(stats.warmSandboxes).toBeLessThanOrEqual(cacheSize);
        expect(retainedBytes(small).every((bytes) => bytes <= RETAINED_SLACK_BYTES)).toBe(true);
      }
      expect(runtimeStats(small)).toMatchObject({ programs: 3 * cacheSize });
      expect(runtimeStats(small).recycledSandboxes).toBe(3 * cacheSize);
    } finally {
      small.dispose();
      expectNoLeaks(small);
    }
  });
});
