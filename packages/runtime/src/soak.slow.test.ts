import { describe, expect, it } from "vitest";
import type { LoadedProgram } from "./program.js";
import { HOSTILE_CASES } from "./test-fixtures/hostile-programs.js";
import { useSharedRuntime } from "./test-fixtures/shared-runtime.js";
import { expectNoLeaks } from "./testing.js";
import type { JsonValue } from "./types.js";

const shared = useSharedRuntime({ leakCheckEachTest: false });

const CODE = `module.exports.work = (input, host) => {
  const items = [];
  for (let i = 0; i < input.n; i++) items.push({ i, tag: host.tag(i) });
  return items.length;
};
module.exports.fail = () => { throw new Error("no"); };
module.exports.spin = () => { for (;;) {} };`;

describe("soak", () => {
  it("keeps the heap flat over 20 000 runs mixing successes and failures", () => {
    const program = shared.runtime.load({ id: "soak", code: CODE }) as LoadedProgram;
    const host = { tag: (i: JsonValue) => `t${String(i)}` };
    const round = () => {
      for (let i = 0; i < 1_000; i++) {
        program.run("work", { n: 5 }, { host });
        if (i % 10 === 0) program.run("fail", null);
        if (i % 100 === 0) program.run("spin", null, { limits: { compute: 20_000 } });
      }
    };
    round();
    const before = program.heapBytes();
    for (let r = 0; r < 19; r++) round();
    const after = program.heapBytes();
    expect(after - before).toBeLessThan(64 * 1024);
    expectNoLeaks(shared.runtime);
  });

  it("survives the hostile corpus three times over", () => {
    for (let pass = 0; pass < 3; pass++) {
      for (const hostile of HOSTILE_CASES) {
        const program = shared.runtime.load({
          id: `soak:${hostile.name}`,
          code: `module.exports.attack = (input, host) => { ${hostile.attack}\n};`,
        });
        const result = program.run("attack", (hostile.input ?? null) as JsonValue, hostile.options);
        expect(result.ok ? "ok" : result.error.code).toBe(hostile.expect);
      }
    }
    expectNoLeaks(shared.runtime);
  }, 180_000);
});
