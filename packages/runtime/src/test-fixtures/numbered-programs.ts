import { SourceMapGenerator } from "source-map-js";
import type { HostApi, JsonValue, ProgramSource, RunOptions } from "../types.js";

/**
 * Distinct programs for cache tests: program `i` differs from every other one in its code, and
 * its `work` entry exercises loops, host calls and the seeded Math.random, so that two runs
 * agree on result and units only if they ran the same code the same way.
 */
export function numberedProgram(i: number): ProgramSource {
  const code = `"use strict";
const offset = ${i};
module.exports.work = (input, host) => {
  let sum = offset;
  for (let k = 0; k < input.n; k++) sum += host.tag(k).length + Math.floor(Math.random() * 10);
  return { sum, label: "program ${i}" };
};
module.exports.boom = () => {
  throw new Error("boom " + offset);
};`;
  return { id: `numbered-${i}`, code };
}

const host: HostApi = { tag: (k) => `t${String(k)}` };
/** The arguments of the run the cache tests compare: `program.run(...WORK)`. */
export const WORK: [string, JsonValue, RunOptions] = ["work", { n: 20 }, { host, seed: "tx-7:0" }];

/**
 * {@link numberedProgram} with a source map that maps every column to `src/numbered.ts` (ten
 * lines per line), padded with `padLines` mapped comment lines so that the map is the bulk of
 * what the program costs the cache.
 */
export function mappedProgram(i: number, padLines = 40): ProgramSource {
  const base = numberedProgram(i);
  const padding = Array.from(
    { length: padLines },
    (_, k) => `// padding line ${k} ${"-".repeat(60)}`,
  );
  const code = [base.code, ...padding].join("\n");
  const map = new SourceMapGenerator({ file: `numbered-${i}.js` });
  code.split("\n").forEach((text, index) => {
    for (let column = 0; column < text.length; column += 2) {
      map.addMapping({
        generated: { line: index + 1, column },
        original: { line: (index + 1) * 10, column },
        source: "src/numbered.ts",
      });
    }
  });
  return { id: `mapped-${i}`, code, sourceMap: map.toString() };
}
