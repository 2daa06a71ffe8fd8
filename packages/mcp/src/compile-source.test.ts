import { describe, expect, it } from "vitest";
import { compileSource } from "./compile-source.js";

const COUNTER = `import { type Ctx, defineContract } from "@ecology/sdk";

export default defineContract({
  init: (_ctx, start: number) => ({ n: start }),
  methods: {
    /** Adds by to the count. */
    add(ctx: Ctx<{ n: number }>, by: number) {
      ctx.state.n += by;
      return ctx.state.n;
    },
  },
  prices: { add: 3 },
});
`;

describe("compileSource", () => {
  it("compiles TypeScript source importing @ecology/sdk into code with its manifest", async () => {
    const built = await compileSource(COUNTER);
    if ("error" in built) throw new Error(built.error.message);
    expect(built.code.js.length).toBeGreaterThan(0);
    expect(built.code.manifest.methods).toEqual([
      expect.objectContaining({ name: "add", kind: "method", price: 3 }),
    ]);
    expect(built.code.manifest.init?.params).toEqual([
      expect.objectContaining({ name: "start", type: "number" }),
    ]);
  });

  it("refuses non-deterministic source with invalid_argument at contract.ts:line:column", async () => {
    const built = await compileSource(
      COUNTER.replace("ctx.state.n += by;", "ctx.state.n += Math.random();"),
    );
    expect("error" in built && built.error).toMatchObject({
      code: "invalid_argument",
      at: { file: "contract.ts", line: 8 },
    });
  });

  it("refuses a Node import, which a contract cannot run", async () => {
    const built = await compileSource(`import { readFileSync } from "node:fs";\n${COUNTER}`);
    expect("error" in built ? built.error.code : "compiled").toBe("invalid_argument");
  });
});
