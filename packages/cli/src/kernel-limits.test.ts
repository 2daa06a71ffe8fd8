import { existsSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { freshDir, runProcess } from "./test-fixtures/run.js";

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
