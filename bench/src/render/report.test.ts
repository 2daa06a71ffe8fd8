import sax from "sax";
import { describe, expect, it } from "vitest";
import { type BenchJson, benchJsonProblem, parseBenchJson } from "../bench-json.js";
import { formatValue, type ReportInput, renderReport, renderTable } from "./markdown.js";
import { barChart, lineChart } from "./svg.js";

type SvgElement = { name: string; attributes: Record<string, string>; text: string };

/** Parses an SVG document strictly (sax throws on any malformed XML) and collects its elements. */
function parseSvg(svg: string): SvgElement[] {
  const parser = sax.parser(true);
  const elements: SvgElement[] = [];
  const open: SvgElement[] = [];
  // sax drops a repeated attribute silently, where a browser refuses the whole document.
  for (const tag of svg.match(/<[A-Za-z][^>]*>/g) ?? []) {
    const names = [...tag.matchAll(/\s([A-Za-z_:][-\w:.]*)\s*=/g)].map((m) => m[1]);
    if (new Set(names).size !== names.length) throw new Error(`repeated attribute in ${tag}`);
  }
  parser.onopentag = (tag) => {
    const element = {
      name: tag.name,
      attributes: tag.attributes as Record<string, string>,
      text: "",
    };
    elements.push(element);
    open.push(element);
  };
  parser.onclosetag = () => {
    open.pop();
  };
  parser.ontext = (text) => {
    const current = open.at(-1);
    if (current) current.text += text;
  };
  parser.write(svg).close();
  return elements;
}

const peers: BenchJson = {
  title: "Beside peers",
  rows: [
    {
      name: "ours ÷ EDR",
      value: 2800,
      unit: "invokes/CPU-s",
      baseline: 1070,
      baselineName: "EDR",
      ratio: 2.62,
    },
    { name: "node:vm | plain", value: 0.612, unit: "µs" },
    { name: "computed ratio", value: 30, unit: "µs", baseline: 10 },
  ],
  notes: ["Target ≥ 10× not met."],
};

const input: ReportInput = {
  run: {
    commit: "0ca29ee1a2b3",
    dirty: false,
    date: "2026-12-07T08:00:00Z",
    node: "v20.20.2",
    cpu: "Test CPU",
    cores: 2,
    loadBefore: [1.5, 1.25, 1],
    loadAfter: [2, 1.5, 1.1],
    cpuSeconds: 123.4,
    wallSeconds: 300,
    quick: true,
  },
  sections: [
    {
      json: peers,
      source: "run-suite peers",
      intro: "Four ways.",
      chart: { path: "images/perf-peers.svg", alt: "bars" },
    },
  ],
  skipped: [
    {
      title: "Group commit",
      source: "packages/server/bench/group-commit.ts",
      reason: "the script does not exist in this commit.",
    },
  ],
};

describe("renderReport", () => {
  const md = renderReport(input);

  it("states the run: commit, date, node, load before and after, CPU time, mode", () => {
    expect(md).toContain("`0ca29ee1a2b3`");
    expect(md).toContain("2026-12-07T08:00:00Z");
    expect(md).toContain("v20.20.2");
    expect(md).toContain("| load average before (1 / 5 / 15 min) | 1.50 / 1.25 / 1.00 |");
    expect(md).toContain("| load average after (1 / 5 / 15 min) | 2.00 / 1.50 / 1.10 |");
    expect(md).toContain("123.4 s");
    expect(md).toContain("`--quick`");
    expect(md).not.toContain("uncommitted");
  });

  it("explains which figures to trust", () => {
    expect(md).toContain("## Which figures to trust");
    expect(md).toMatch(/WebAssembly[\s\S]*5×/);
    expect(md).toMatch(/JIT[\s\S]*2×/);
    expect(md).toContain("Load average");
  });

  it("renders every row of every section with its baseline and ratio, the chart and the notes", () => {
    expect(md).toContain("## Beside peers\n\nFour ways.\n\n![bars](images/perf-peers.svg)");
    expect(md).toContain(
      "| ours ÷ EDR | 2,800 invokes/CPU-s | 1,070 invokes/CPU-s (EDR) | 2.62× |",
    );
    // A pipe in a name is escaped, a row without a baseline has empty baseline and ratio cells.
    expect(md).toContain("| node:vm \\| plain | 0.612 µs |  |  |");
    // A ratio the script left out is computed from value and baseline.
    expect(md).toContain("| computed ratio | 30 µs | 10 µs | 3× |");
    expect(md).toContain("- Target ≥ 10× not met.");
    expect(md).toContain("Source: `run-suite peers`.");
  });

  it("names a skipped script and why", () => {
    expect(md).toContain(
      "## Group commit\n\n_Not measured in this run: the script does not exist in this commit._",
    );
  });

  it("says when the work tree was dirty and when CPU time could not be read", () => {
    const other = renderReport({
      ...input,
      run: { ...input.run, dirty: true, cpuSeconds: undefined, quick: false },
    });
    expect(other).toContain("(with uncommitted changes)");
    expect(other).toContain("not readable here");
    expect(other).toContain("1M events");
  });
});

describe("renderTable and formatValue", () => {
  it("groups thousands from 100 on and keeps three significant digits below", () => {
    expect(formatValue(12678.4)).toBe("12,678");
    expect(formatValue(-1234567)).toBe("-1,234,567");
    expect(formatValue(123.4)).toBe("123");
    expect(formatValue(0.61234)).toBe("0.612");
  });

  it("has one line per row under the header", () => {
    expect(renderTable(peers.rows).split("\n")).toHaveLength(2 + peers.rows.length);
  });
});

describe("barChart", () => {
  const bars = [
    { label: "ours <memory>", value: 2000 },
    { label: "EDR & co", value: 1000 },
    { label: "node:vm", value: 500 },
  ];

  it("is well-formed SVG with every label escaped and shown", () => {
    const svg = barChart({ title: "Rate", axis: "invokes/s", bars });
    const elements = parseSvg(svg);
    expect(elements[0]?.name).toBe("svg");
    const texts = elements.filter((e) => e.name === "text").map((e) => e.text);
    expect(texts).toEqual(
      expect.arrayContaining([
        "Rate",
        "ours <memory>",
        "EDR & co",
        "node:vm",
        "invokes/s",
        "2k",
        "1k",
        "500",
      ]),
    );
  });

  it("draws bars proportional to their values on a linear scale", () => {
    const rects = parseSvg(barChart({ title: "Rate", axis: "x", bars })).filter(
      (e) => e.name === "rect" && e.attributes.title === undefined,
    );
    const widths = rects.slice(1).map((r) => Number(r.attributes.width)); // [0] is the background
    expect(widths).toHaveLength(3);
    expect(widths[0]).toBeCloseTo((widths[1] as number) * 2, 0);
    expect(widths[1]).toBeCloseTo((widths[2] as number) * 2, 0);
  });

  it("draws bars by the logarithm of their values on a log scale", () => {
    const svg = barChart({
      title: "Rate",
      axis: "x",
      scale: "log",
      bars: [
        { label: "a", value: 10 },
        { label: "b", value: 1000 },
        { label: "c", value: 100_000 },
      ],
    });
    const widths = parseSvg(svg)
      .filter((e) => e.name === "rect")
      .slice(1)
      .map((r) => Number(r.attributes.width));
    // Ticks span decades 10..100k: a sits at the axis start, b and c two and four decades on.
    expect(widths[2] as number).toBeCloseTo((widths[1] as number) * 2, 0);
  });

  it("refuses values it cannot draw", () => {
    expect(() => barChart({ title: "t", axis: "x", bars: [{ label: "bad", value: -1 }] })).toThrow(
      RangeError,
    );
    expect(() =>
      barChart({ title: "t", axis: "x", scale: "log", bars: [{ label: "zero", value: 0 }] }),
    ).toThrow(RangeError);
  });
});

describe("lineChart", () => {
  const spec = {
    title: "Cost with history",
    xAxis: "events",
    yAxis: "µs",
    xScale: "log" as const,
    series: [
      {
        name: "CPU",
        points: [
          { x: 1e3, y: 400 },
          { x: 1e4, y: 410 },
          { x: 1e5, y: 800 },
        ],
      },
      {
        name: "wall",
        points: [
          { x: 1e3, y: 500 },
          { x: 1e4, y: 520 },
          { x: 1e5, y: 900 },
        ],
      },
    ],
  };

  it("is well-formed SVG with one polyline per series and one marker per point", () => {
    const elements = parseSvg(lineChart(spec));
    expect(elements.filter((e) => e.name === "polyline")).toHaveLength(2);
    expect(elements.filter((e) => e.name === "circle")).toHaveLength(6);
    const texts = elements.filter((e) => e.name === "text").map((e) => e.text);
    expect(texts).toEqual(
      expect.arrayContaining([
        "Cost with history",
        "events",
        "µs",
        "— CPU",
        "— wall",
        "1k",
        "10k",
        "100k",
      ]),
    );
  });

  it("places points by value: higher y is higher up, x evenly by decade on a log scale", () => {
    const circles = parseSvg(lineChart(spec))
      .filter((e) => e.name === "circle")
      .slice(0, 3);
    const [a, b, c] = circles.map((e) => ({
      x: Number(e.attributes.cx),
      y: Number(e.attributes.cy),
    }));
    expect((b?.x as number) - (a?.x as number)).toBeCloseTo((c?.x as number) - (b?.x as number), 0);
    expect(c?.y as number).toBeLessThan(a?.y as number);
  });
});

describe("lineChart on log axes", () => {
  it("spaces y by decade and refuses a zero", () => {
    const spec = {
      title: "t",
      xAxis: "x",
      yAxis: "y",
      xScale: "log" as const,
      yScale: "log" as const,
    };
    const svg = lineChart({
      ...spec,
      series: [
        {
          name: "s",
          points: [
            { x: 1, y: 10 },
            { x: 10, y: 100 },
            { x: 100, y: 1000 },
          ],
        },
      ],
    });
    const ys = parseSvg(svg)
      .filter((e) => e.name === "circle")
      .map((e) => Number(e.attributes.cy));
    expect((ys[0] as number) - (ys[1] as number)).toBeCloseTo(
      (ys[1] as number) - (ys[2] as number),
      0,
    );
    expect(() => lineChart({ ...spec, series: [{ name: "s", points: [{ x: 1, y: 0 }] }] })).toThrow(
      RangeError,
    );
  });
});

describe("parseBenchJson", () => {
  it("finds the object after other output and checks its shape", () => {
    const json = {
      title: "Composition",
      rows: [{ name: "invoke", value: 410, unit: "µs", baseline: 330, ratio: 1.24 }],
    };
    expect(parseBenchJson(`warming up…\nload 1.2\n${JSON.stringify(json)}\n`)).toEqual(json);
    expect(parseBenchJson(JSON.stringify(json, null, 2))).toEqual(json);
  });

  it("names what is wrong with a malformed object", () => {
    expect(benchJsonProblem({ title: "t", rows: [{ name: "x", value: "fast", unit: "µs" }] })).toBe(
      "rows[0].value is not a finite number",
    );
    expect(benchJsonProblem({ rows: [] })).toBe("title is not a string");
    expect(benchJsonProblem({ title: "t", rows: [], notes: [1] })).toBe(
      "notes is not an array of strings",
    );
    expect(() => parseBenchJson("no json here")).toThrow(/no BenchJson object/);
    expect(() => parseBenchJson('{"title":"t","rows":[{"name":"x","value":1}]}')).toThrow(
      /rows\[0\]\.unit/,
    );
  });
});
