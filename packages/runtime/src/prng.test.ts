import { describe, expect, it } from "vitest";
import { createRuntime, runtimeStats } from "./runtime.js";
import { useSharedRuntime } from "./test-fixtures/shared-runtime.js";
import type { JsonValue, RunOptions, RunResult } from "./types.js";

const shared = useSharedRuntime();

/**
 * The first draws of sfc32 for two seeds, pinned: a host that replays a journal on a later
 * version of the runtime must get the same numbers, so changing the generator is a breaking
 * change that this test makes visible.
 */
const PINNED: Record<string, number[]> = {
  "tx-1:0": [
    0.7738290566485375, 0.7090939427725971, 0.8320987911429256, 0.6932942518033087,
    0.5300470860674977,
  ],
  "": [0.7279744329862297, 0.1984488305170089, 0.47566528897732496],
};

const DRAW = `module.exports.draw = (input) => {
  const out = [];
  for (let i = 0; i < input.n; i++) out.push(Math.random());
  return out;
};`;

function draws(result: RunResult): JsonValue {
  if (!result.ok) throw new Error(`run failed: ${JSON.stringify(result.error)}`);
  return result.value;
}

describe("Math.random, the runtime's deterministic PRNG", () => {
  it("draws the pinned sfc32 sequence of the run's seed", () => {
    const program = shared.runtime.load({ id: "prng-draw", code: DRAW });
    for (const [seed, expected] of Object.entries(PINNED)) {
      const options = seed === "" ? {} : { seed };
      expect(draws(program.run("draw", { n: expected.length }, options))).toEqual(expected);
    }
  });

  it("draws the same sequence in every program, in a fresh runtime and in a recycled context", async () => {
    const seed = "tx-1:0";
    const expected = PINNED[seed];
    const other = shared.runtime.load({ id: "prng-other", code: `let unused = 1;\n${DRAW}` });
    expect(draws(other.run("draw", { n: 5 }, { seed }))).toEqual(expected);
    await using fresh = await createRuntime({ cacheSize: 1 });
    const program = fresh.load({ id: "prng-fresh", code: DRAW });
    expect(draws(program.run("draw", { n: 5 }, { seed }))).toEqual(expected);
    // A refused private-field stamp taints the context: the next run gets a rebuilt one.
    const stamp = fresh.load({
      id: "prng-stamp",
      code: `class R { constructor(t) { return t; } }
        class S extends R { #x = 1; }
        module.exports.stamp = () => { try { new S(Math); } catch { return Math.random(); } };
        ${DRAW}`,
    });
    const recycled = runtimeStats(fresh).recycledSandboxes;
    stamp.run("stamp", null, { seed });
    expect(runtimeStats(fresh).recycledSandboxes).toBe(recycled + 1);
    expect(draws(stamp.run("draw", { n: 5 }, { seed }))).toEqual(expected);
  });

  it("is one frozen function that no run can replace", () => {
    const program = shared.runtime.load({
      id: "prng-identity",
      code: `module.exports.describe = () => {
        const d = Object.getOwnPropertyDescriptor(Math, "random");
        return [d.writable, d.configurable, Object.isFrozen(Math), Object.isFrozen(Math.random)];
      };`,
    });
    expect(draws(program.run("describe", null))).toEqual([false, false, true, true]);
  });
});

/** Each attack runs first; a later run of the same program must draw the pinned sequence. */
const ATTACKS: [string, string, RunOptions?][] = [
  ["assigns Math.random", "Math.random = () => 0.5;"],
  ["redefines Math.random", 'Object.defineProperty(Math, "random", { value: () => 0.5 });'],
  ["redefines it through Reflect", 'return Reflect.defineProperty(Math, "random", { value: 1 });'],
  ["deletes Math.random", "delete Math.random;"],
  ["replaces the global Math", "globalThis.Math = { random: () => 0.5 };"],
  ["swaps Math's prototype", "Object.setPrototypeOf(Math, { random: () => 0.5 });"],
  ["patches Function.prototype.call", "Function.prototype.call = () => 0.5;"],
  ["reads the generator's caller", "return String(Math.random.caller);"],
  [
    "draws a million numbers",
    "let s = 0; for (let i = 0; i < 1e6; i++) s += Math.random(); return s;",
  ],
  ["throws mid-sequence", 'Math.random(); Math.random(); throw new Error("stop");'],
  [
    "runs out of compute mid-sequence",
    "for (;;) Math.random();",
    { seed: "tx-1:0", limits: { compute: 50_000 } },
  ],
  ["overflows the stack while drawing", "const f = () => Math.random() + f(); return f();"],
];

describe("a run cannot replace or re-seed Math.random for a later run", () => {
  for (const [what, attack, options] of ATTACKS) {
    it(`after a run that ${what}`, () => {
      const program = shared.runtime.load({
        id: `prng-attack:${what}`,
        code: `module.exports.attack = () => { ${attack} };\n${DRAW}`,
      });
      program.run("attack", null, options ?? { seed: "other" });
      expect(draws(program.run("draw", { n: 5 }, { seed: "tx-1:0" }))).toEqual(PINNED["tx-1:0"]);
      expect(draws(program.run("draw", { n: 3 }))).toEqual(PINNED[""]);
    });
  }

  it("gives a nested run its own sequence and the outer run its own back", () => {
    const program = shared.runtime.load({
      id: "prng-nested",
      code: `module.exports.outer = (input, host) => {
        const before = [Math.random(), Math.random()];
        host.nested();
        return before.concat([Math.random(), Math.random(), Math.random()]);
      };
      module.exports.inner = () => { Math.random(); throw new Error("inner fails"); };`,
    });
    const host = {
      nested: () => {
        const inner = program.run("inner", null, { seed: "" });
        return inner.ok ? "ok" : inner.error.code;
      },
    };
    expect(draws(program.run("outer", null, { seed: "tx-1:0", host }))).toEqual(PINNED["tx-1:0"]);
  });
});
