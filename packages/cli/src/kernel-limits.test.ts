import { existsSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { freshDir, runProcess, SEARCH_SERVICE } from "./test-fixtures/run.js";

let cwd: string;

beforeAll(async () => {
  cwd = freshDir();
  expect((await runProcess(cwd, "init")).code).toBe(0);
}, 60_000);

describe("ecology principal create with a dots-only id", () => {
  it.each([".", ".."])(
    "refuses %s with invalid_argument and mints nothing",
    async (id) => {
      const r = await runProcess(cwd, "principal", "create", id, "--scrip", "100", "--json");
      expect(r.code).not.toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({
        success: false,
        error: { code: "invalid_argument" },
      });
      const balances = await runProcess(cwd, "balance", "--json");
      expect(JSON.parse(balances.stdout)).toEqual({});
      expect(existsSync(join(cwd, ".ecology", "tokens", `${id}.token`))).toBe(false);
    },
    60_000,
  );
});

describe("ecology invoke --max-price", () => {
  it("refuses with conflict when the price is above it, and runs when it is not", async () => {
    expect((await runProcess(cwd, "principal", "create", "alice", "--scrip", "10")).code).toBe(0);
    expect((await runProcess(cwd, "principal", "create", "bob", "--scrip", "10")).code).toBe(0);
    const deploy = ["deploy", SEARCH_SERVICE, "--as", "alice", "--id", "search", "--args", "[[]]"];
    expect((await runProcess(cwd, ...deploy)).code).toBe(0);
    const call = ["invoke", "search", "search", "ap", "--as", "bob", "--json"];
    const refused = await runProcess(cwd, ...call, "--max-price", "4");
    expect(refused.code).not.toBe(0);
    expect(JSON.parse(refused.stdout)).toMatchObject({
      success: false,
      error: { code: "conflict", details: { price: 5, maxPrice: 4 } },
    });
    const paid = await runProcess(cwd, ...call, "--max-price", "5");
    expect(JSON.parse(paid.stdout)).toMatchObject({ success: true, cost: { price: 5 } });
    const balances = await runProcess(cwd, "balance", "--json");
    expect(JSON.parse(balances.stdout)).toMatchObject({ alice: 15, bob: 5 });
  }, 120_000);
});
