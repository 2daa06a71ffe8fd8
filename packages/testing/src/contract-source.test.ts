import { describe, expect, it } from "vitest";
import { loadContract, sourceName } from "./contract-source.js";
import { COUNTER_TS } from "./test-fixtures/paths.js";
import { TestingError } from "./testing-error.js";

describe("loadContract", () => {
  it("compiles a file once for deploys started together and caches it afterwards", async () => {
    const [a, b] = await Promise.all([loadContract(COUNTER_TS), loadContract(COUNTER_TS)]);
    expect(a).toBe(b);
    expect(await loadContract(COUNTER_TS)).toBe(a);
    expect(a.manifest.methods.map((m) => m.name)).toContain("increment");
  });

  it("resolves relative paths against the test's folder and its package root", async () => {
    const fromTest = await loadContract("./test-fixtures/counter.ts");
    const fromPackage = await loadContract("./src/test-fixtures/counter.ts");
    expect(fromTest).toBe(fromPackage);
  });

  it("passes compiled code through untouched", async () => {
    const code = await loadContract(COUNTER_TS);
    expect(await loadContract(code)).toBe(code);
  });

  it("fails with compile_failed naming the missing file", async () => {
    const error = await loadContract("./no-such-contract.ts").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TestingError);
    expect((error as TestingError).message).toMatch(
      /no-such-contract\.ts does not compile:\n.*no such file/,
    );
  });
});

describe("sourceName", () => {
  it("names a contract after its file, and has no name for compiled code", async () => {
    expect(sourceName("./src/pool.ts")).toBe("pool");
    expect(sourceName(COUNTER_TS)).toBe("counter");
    expect(sourceName(await loadContract(COUNTER_TS))).toBeUndefined();
  });
});
