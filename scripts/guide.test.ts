import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const guide = join(import.meta.dirname, "../docs/guides/changing-a-deployed-contract.md");
/** The pool example whose code the guide shows (a template: generated projects have no docs/). */
const pool = join(import.meta.dirname, "../examples/pool/src");

/** The ```ts blocks of a markdown text, in order. */
function tsBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1] ?? "");
}

// The guide's TypeScript is the pool example's code, which tsc checks and vitest runs; this test
// keeps the page from drifting away from it.
describe("docs/guides/changing-a-deployed-contract.md", () => {
  const blocks = tsBlocks(readFileSync(guide, "utf8"));

  it("shows pool-v2.ts and its replay test exactly as they are", () => {
    const file = (name: string) => readFileSync(join(pool, name), "utf8");
    expect(blocks).toEqual([file("pool-v2.ts"), file("pool-v2-replay.test.ts")]);
  });
});
