import { describe, expect, it } from "vitest";
import type { Kernel } from "../kernel.js";
import { contract, mustDeploy, testKernel } from "../test-fixtures/contracts.js";
import type { JsonValue } from "../types.js";

/** Draws from ctx.random or Math.random, and calls the next contract to draw in its own frame. */
const DRAWER = contract(
  `module.exports = { default: { methods: {
    viaCtx(ctx, n) { var out = []; for (var i = 0; i < n; i++) out.push(ctx.random()); return out; },
    viaMath(ctx, n) { var out = []; for (var i = 0; i < n; i++) out.push(Math.random()); return out; },
    mixed(ctx) { return [ctx.random(), Math.random(), ctx.random()]; },
    pair(ctx, other) { return [ctx.random(), ctx.call(other, "viaCtx", 2), ctx.random()]; },
  } } };`,
  { methods: { viaCtx: 1, viaMath: 1, mixed: 0, pair: 1 } },
);

/**
 * Tries every way to replace Math.random (and so ctx.random) for whoever draws next: assigning
 * it, redefining it, replacing Math or its prototype on the global object. Each attempt's error
 * is reported; then it lets a second contract draw, in a nested frame.
 */
const TAMPERER = contract(
  `module.exports = { default: { methods: {
    tamper(ctx, other, attempt) {
      var fixed = function () { return 0.5; };
      var tries = [
        function () { Math.random = fixed; },
        function () { Object.defineProperty(Math, "random", { value: fixed }); },
        function () { globalThis.Math = { random: fixed }; },
        function () { Object.setPrototypeOf(Math, { random: fixed }); },
        function () { delete Math.random; },
      ];
      var errors = [];
      if (attempt) for (var i = 0; i < tries.length; i++) {
        try { tries[i](); errors.push(null); } catch (e) { errors.push(e.name); }
      }
      return { errors: errors, mine: [Math.random(), ctx.random()], theirs: ctx.call(other, "viaCtx", 3) };
    },
  } } };`,
  { methods: { tamper: 2 } },
);

async function economy(): Promise<Kernel> {
  const k = await testKernel();
  k.createPrincipal("alice", { scrip: 100 });
  mustDeploy(k, "alice", "drawer", DRAWER);
  mustDeploy(k, "alice", "drawer2", DRAWER);
  mustDeploy(k, "alice", "tamperer", TAMPERER);
  return k;
}

function resultOf(k: Kernel, target: string, method: string, args: JsonValue[]): JsonValue {
  const env = k.invoke("alice", target, method, args);
  if (!env.success) throw new Error(`${target}.${method}: ${env.error.message}`);
  return env.result;
}

describe("ctx.random", () => {
  it("is the runtime's seeded Math.random: one generator, one stream per frame", async () => {
    // Two identical economies at the same transaction: the same seed for the same frame.
    const [a, b] = [await economy(), await economy()];
    const viaCtx = resultOf(a, "drawer", "viaCtx", [4]) as number[];
    const viaMath = resultOf(b, "drawer", "viaMath", [4]);
    expect(viaCtx).toEqual(viaMath);
    expect(new Set(viaCtx).size).toBe(4);
    for (const x of viaCtx) expect(x >= 0 && x < 1).toBe(true);
    // Interleaved draws continue one stream.
    const [c, d] = [await economy(), await economy()];
    const mixed = resultOf(c, "drawer", "mixed", []);
    expect(mixed).toEqual(resultOf(d, "drawer", "viaCtx", [3]));
  });

  it("is deterministic per (transaction, frame) and differs between frames and transactions", async () => {
    const [a, b] = [await economy(), await economy()];
    const first = resultOf(a, "drawer", "pair", ["drawer2"]) as [number, number[], number];
    expect(resultOf(b, "drawer", "pair", ["drawer2"])).toEqual(first);
    const [outerA, [innerA], outerB] = first;
    // The nested frame has a seed of its own; the outer frame's stream resumes after it.
    expect(innerA).not.toBe(outerA);
    expect(outerB).not.toBe(outerA);
    expect(outerB).not.toBe(innerA);
    // The next transaction draws anew.
    expect(resultOf(a, "drawer", "pair", ["drawer2"])).not.toEqual(first);
  });

  it("cannot be replaced by a contract for later frames or runs (hardened intrinsics)", async () => {
    const [honest, hostile] = [await economy(), await economy()];
    const baseline = resultOf(honest, "tamperer", "tamper", ["drawer", false]) as {
      mine: number[];
      theirs: number[];
    };
    const tampered = resultOf(hostile, "tamperer", "tamper", ["drawer", true]) as {
      errors: (string | null)[];
      mine: number[];
      theirs: number[];
    };
    // Every attempt threw (strict mode, frozen intrinsics and global object).
    expect(tampered.errors).toEqual([
      "TypeError",
      "TypeError",
      "TypeError",
      "TypeError",
      "TypeError",
    ]);
    // Not even its own frame's generator changed, nor the nested frame's.
    expect(tampered.mine).toEqual(baseline.mine);
    expect(tampered.theirs).toEqual(baseline.theirs);
    // A later run of the same contract (same program, same sandbox) draws as in the honest world.
    expect(resultOf(hostile, "drawer", "viaCtx", [3])).toEqual(
      resultOf(honest, "drawer", "viaCtx", [3]),
    );
  });

  it("shadowing Math in a contract's own code changes nothing outside that run", async () => {
    const SHADOW = contract(
      `var Math = { random: function () { return 0.5; } };
      module.exports = { default: { methods: {
        draw(ctx, other) { return { mine: ctx.random(), theirs: ctx.call(other, "viaCtx", 2) }; },
      } } };`,
      { methods: { draw: 1 } },
    );
    const [honest, hostile] = [await economy(), await economy()];
    mustDeploy(honest, "alice", "shadow", SHADOW);
    mustDeploy(hostile, "alice", "shadow", SHADOW);
    const first = resultOf(hostile, "shadow", "draw", ["drawer"]) as { theirs: number[] };
    // The shadow is the contract's own business; the frame it calls draws from the real one.
    expect(first.theirs).toEqual(
      (resultOf(honest, "shadow", "draw", ["drawer"]) as typeof first).theirs,
    );
    expect(first.theirs.every((x) => x !== 0.5)).toBe(true);
    expect(resultOf(hostile, "drawer", "viaCtx", [2])).toEqual(
      resultOf(honest, "drawer", "viaCtx", [2]),
    );
  });
});
