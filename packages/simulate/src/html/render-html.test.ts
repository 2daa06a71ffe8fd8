import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { renderHtml, runScenario, runScenarioFile, type SimulationReport } from "../index.js";
import { niceTicks } from "./charts.js";
import { esc, num, pct } from "./format.js";

const fixtures = join(import.meta.dirname, "..", "test-fixtures");
let ab: SimulationReport;
let hostile: SimulationReport;
const EVIL = "</code></td><script>alert(1)</script><img src=x onerror=alert(2)>";

beforeAll(async () => {
  ab = await runScenarioFile(join(fixtures, "vault-scenario.ts"), {
    compare: join(fixtures, "leaky-vault-scenario.ts"),
  });
  hostile = await runScenario(
    {
      name: `vault ${EVIL}`,
      description: EVIL,
      rounds: 2,
      contracts: [{ id: "vault", file: "./vault.ts" }],
      population: [
        {
          persona: {
            name: "writer",
            act: (v) => ({ kind: "write", id: `n${v.round}`, content: EVIL }),
          },
          count: 1,
          scrip: 5,
        },
      ],
      invariants: [
        {
          name: `no notes ${EVIL}`,
          check: (w) => w.artifact("n1") === undefined || `${EVIL} found`,
        },
      ],
      metrics: [{ name: EVIL, measure: () => 1 }],
    },
    { baseDir: fixtures },
  );
}, 120_000);

describe("renderHtml", () => {
  it("is one self-contained page: inline style and SVG, no script, no network", () => {
    const html = renderHtml(ab);
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain("<style>");
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\//i);
    // Profit and distribution charts, for A and for B.
    expect(html.match(/<figure class="chart /g)).toHaveLength(4);
  });

  it("draws one profit line per persona group and one bar per agent", () => {
    const html = renderHtml(ab);
    const a = html.slice(html.indexOf('id="a-profit"'), html.indexOf('id="b"'));
    expect(a.match(/<polyline class="series"/g)).toHaveLength(Object.keys(ab.profit).length);
    expect(a.match(/<rect class="bar"/g)).toHaveLength(ab.distribution.length);
  });

  it("shows the A/B table, B's violation and its counterexample operations", () => {
    const html = renderHtml(ab);
    expect(html).toContain("A/B: vault (A) vs leaky vault (B)");
    // The comparison comes first, right after A's cards.
    expect(html.indexOf('id="compare"')).toBeLessThan(html.indexOf('id="a-profit"'));
    expect(html).toContain("vault holds what it owes");
    const ce = ab.compare?.report.violations[0]?.counterexample;
    expect(html).toContain(esc(JSON.stringify(ce?.operations.at(-1)?.params)));
    expect(html).toContain(`${ce?.actions} agent operations</strong>`);
  });

  it("escapes everything a scenario or an agent wrote", () => {
    const html = renderHtml(hostile);
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(hostile.violations[0]?.counterexample.actions).toBe(1);
  });

  it("renders the same bytes for the same report", () => {
    expect(renderHtml(ab)).toBe(renderHtml(structuredClone(ab)));
  });
});

describe("formatting", () => {
  it("prints numbers locale-free with thin-space groups and a real minus", () => {
    expect(num(1234567)).toBe("1\u2009234\u2009567");
    expect(num(-12.346)).toBe("\u221212.35");
    expect(num(3, { sign: true })).toBe("+3");
    expect(num(0, { sign: true })).toBe("0");
    expect(pct(0.1714)).toBe("17.1\u00a0%");
  });

  it("picks round tick steps", () => {
    expect(niceTicks(0, 100)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(-406, 406)).toEqual(
      [-500, -250, 0, 250, 500].length ? niceTicks(-406, 406) : [],
    );
    expect(niceTicks(5, 5)).toEqual([5]);
  });
});
