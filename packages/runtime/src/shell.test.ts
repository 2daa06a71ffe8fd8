import { describe, expect, it } from "vitest";
import { RuntimeError } from "./errors.js";
import { useSharedRuntime } from "./test-fixtures/shared-runtime.js";
import type { RunResult } from "./types.js";

const shared = useSharedRuntime();

// The shell counts its own evaluations and the program counts its instances' top-level runs.
const CODE = `let instances = 0;
instances++;
module.exports = { instances: () => instances, fail: () => { throw new Error("code threw"); } };`;
const SHELL = `let evaluations = 0;
evaluations++;
const call = function (input) {
  if (input === "shell") throw new Error("shell threw");
  return { evaluations, program: this.m[input]() };
};
module.exports = (m) => ({ m, call });`;

function errorOf(result: RunResult) {
  if (result.ok) throw new Error(`run succeeded: ${JSON.stringify(result.value)}`);
  return result.error;
}

describe("program shells (ProgramSource.shell)", () => {
  it("evaluates the shell once per sandbox and the program once per run", () => {
    const program = shared.runtime.load({ id: "shell:once", code: CODE, shell: SHELL });
    for (let i = 0; i < 3; i++) {
      expect(program.run("call", "instances")).toMatchObject({
        ok: true,
        value: { evaluations: 1, program: 1 },
      });
    }
    program.dispose();
  });

  it("charges the shell's code to runs like the program's, deterministically", () => {
    const program = shared.runtime.load({ id: "shell:units", code: CODE, shell: SHELL });
    const units = new Set<number>();
    for (let i = 0; i < 3; i++) units.add(program.run("call", "instances").compute);
    expect(units.size).toBe(1);
    const [spent] = units;
    // The program's own entry alone, without the shell's function around it, costs less.
    const bare = shared.runtime.load({ id: "shell:bare", code: CODE });
    expect(bare.run("instances", null).compute).toBeLessThan(spent as number);
    program.dispose();
    bare.dispose();
  });

  it("keeps the program's positions and puts the shell's past its last line", () => {
    const program = shared.runtime.load({
      id: "shell:at",
      code: CODE,
      shell: SHELL,
      filename: "p.js",
    });
    const inCode = errorOf(program.run("call", "fail"));
    expect(inCode.message).toBe("Error: code threw");
    expect(inCode.at).toEqual({ file: "p.js", line: 3, column: expect.any(Number) });
    // QuickJS places a \`new Error(…)\` at its "(": the column of the original text, 1-based,
    // with no inserted text (wrapper or charges) counted.
    const column = (text: string, line: number, marker: string) =>
      (text.split("\n")[line - 1]?.indexOf(marker) as number) + 1;
    expect(inCode.at?.column).toBe(column(CODE, 3, '("code threw")'));
    const inShell = errorOf(program.run("call", "shell"));
    // The shell's line 4 is the file's line 3 + 4.
    expect(inShell.at).toEqual({
      file: "p.js",
      line: 7,
      column: column(SHELL, 4, '("shell threw")'),
    });
    program.dispose();
  });

  it("refuses a program whose shell fails, exports no function or never ends", () => {
    const bad = (shell: string) => () =>
      shared.runtime.load({ id: `shell:${shell}`, code: CODE, shell });
    expect(bad("throw new Error('no')")).toThrow(/program shell fails: no/);
    expect(bad("module.exports = 1")).toThrow(/not a function/);
    expect(bad("for (;;) {}")).toThrow(/program shell fails: out of compute/);
    expect(bad("}{")).toThrow(RuntimeError);
  });

  it("keeps the shell's bindings out of the program's reach", () => {
    const reach = "module.exports.f = () => typeof __eco$l";
    expect(() => shared.runtime.load({ id: "shell:reach", code: reach, shell: SHELL })).toThrow(
      /reserved/,
    );
    // The shell's own names are in its own function scope: the program sees none of them.
    const peek = "module.exports = { peek: () => [typeof evaluations, typeof call] }";
    const program = shared.runtime.load({ id: "shell:peek", code: peek, shell: SHELL });
    expect(program.run("call", "peek")).toMatchObject({
      ok: true,
      value: { program: ["undefined", "undefined"] },
    });
    program.dispose();
  });

  it("treats the shell as part of the program's identity", () => {
    const program = shared.runtime.load({ id: "shell:id", code: CODE, shell: SHELL });
    expect(() => shared.runtime.load({ id: "shell:id", code: CODE })).toThrow(/different code/);
    expect(shared.runtime.load({ id: "shell:id", code: CODE, shell: SHELL })).toBe(program);
    program.dispose();
  });
});
