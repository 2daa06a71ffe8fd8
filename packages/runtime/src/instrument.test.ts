import { parse } from "acorn";
import { describe, expect, it } from "vitest";
import { CHARGE, instrument, originalColumn, RESERVED_PREFIX } from "./instrument.js";

const TRICKY = [
  "const f = (a) => ({ a });",
  "const g = (a = (() => 1)()) => a + 1;",
  "for (const x of [1]) for (const y in { a: 1 }) if (x) continue;",
  "outer: for (let i = 0; i < 2; i++) while (false) break outer;",
  "do x = 1; while (false);",
  "class C extends Object { static s = 1; #p = 2; constructor() { super(); } get p() { return this.#p; } static { for (;;) break; } }",
  "try { f(); } catch { g(); } finally { h(); }",
  "try { f(); } catch ({ message }) { g(message); }",
  "function* gen() { yield* [1, 2]; }",
  "const h = () => { throw { code: 1 }; };",
  "label: { break label; }",
  "if (a) for (;;) b(); else while (c) d();",
].join("\n");

describe("instrument", () => {
  it("produces valid JavaScript with the same number of lines", () => {
    const out = instrument(TRICKY);
    expect(() => parse(out.code, { ecmaVersion: "latest", sourceType: "script" })).not.toThrow();
    expect(out.code.split("\n").length).toBe(TRICKY.split("\n").length);
    expect(out.code).toContain(`${CHARGE}(`);
    expect(out.sites).toBeGreaterThan(15);
  });

  it("maps every identifier of the instrumented code back to its original column", () => {
    const out = instrument(TRICKY);
    const ast = parse(out.code, { ecmaVersion: "latest", locations: true });
    const original = TRICKY.split("\n");
    const stack: unknown[] = [ast];
    let checked = 0;
    while (stack.length > 0) {
      const node = stack.pop() as Record<string, unknown> & {
        type?: string;
        name?: string;
        loc?: { start: { line: number; column: number } };
      };
      if (node.type === "Identifier" && !String(node.name).startsWith(RESERVED_PREFIX)) {
        const { line, column } = node.loc?.start ?? { line: 0, column: 0 };
        const col = originalColumn(out.insertions, line, column);
        expect(original[line - 1]?.slice(col, col + String(node.name).length)).toBe(node.name);
        checked++;
      }
      for (const value of Object.values(node)) {
        if (Array.isArray(value)) stack.push(...value.filter((v) => typeof v === "object"));
        else if (typeof value === "object" && value !== null && "type" in value) stack.push(value);
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it("weighs the same code the same way every time", () => {
    expect(instrument(TRICKY).code).toBe(instrument(TRICKY).code);
  });

  it("charges bigger regions more", () => {
    const small = instrument("function f() { return 1; }").code;
    const big = instrument(
      "function f() { const a = [1, 2, 3]; return a.map(String).join(); }",
    ).code;
    const unitsOf = (code: string) => Number(/\{__eco\$c\((\d+)\)/.exec(code)?.[1]);
    expect(unitsOf(big)).toBeGreaterThan(unitsOf(small));
  });

  it("refuses reserved identifiers even when written with escapes", () => {
    expect(() => instrument("var \\u005f_eco$x = 1;")).toThrow(/reserved/);
  });
});
