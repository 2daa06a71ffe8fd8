import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliRun, freshDir, runInProcess, startDevInProcess } from "./test-fixtures/run.js";

let cwd: string;
let run: (...argv: string[]) => Promise<CliRun>;
let dev: ReturnType<typeof startDevInProcess>;
let url: string;

beforeAll(async () => {
  cwd = freshDir();
  run = (...argv) => runInProcess(cwd, ...argv);
  dev = startDevInProcess(cwd, "0");
  url = await dev.url;
  await run("principal", "create", "alice", "--scrip", "100");
  await run("principal", "create", "bob", "--scrip", "20");
  await run("principal", "create", "carol");
  await run("principal", "create", "dave");
  // dave's token lives elsewhere (another machine): only the kernel knows dave.
  rmSync(join(cwd, ".ecology", "tokens", "dave.token"));
});

afterAll(async () => {
  dev.stop();
  expect(await dev.exited).toBe(0);
});

/** Runs a command embedded and through the server; both must print the same. */
async function both(...argv: string[]): Promise<CliRun> {
  const embedded = await run(...argv);
  expect(await run(...argv, "--kernel", url)).toEqual(embedded);
  return embedded;
}

describe("ecology balance", () => {
  it("refuses an id that is neither a principal nor an artifact, naming close ones", async () => {
    const r = await both("balance", "alicee");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      /^error not_found: no principal or artifact "alicee" — hint: did you mean alice\?/,
    );
    const json = await both("balance", "alicee", "--json");
    expect(JSON.parse(json.stdout)).toMatchObject({ success: false, error: { code: "not_found" } });
  });

  it("prints a real zero balance, and an artifact wallet", async () => {
    expect(await both("balance", "carol")).toEqual({ code: 0, stdout: "carol  0\n", stderr: "" });
    expect((await both("balance", "genesis_escrow", "--json")).stdout).toBe("0\n");
  });

  it("lists every principal, zero balances included", async () => {
    const json = await both("balance", "--json");
    expect(JSON.parse(json.stdout)).toEqual({ alice: 100, bob: 20, carol: 0, dave: 0 });
    expect((await both("balance")).stdout).toMatch(/carol\s+│ 0\s/);
  });
});

describe("ecology principal list", () => {
  it("shows principals, balances and whether a token file exists here", async () => {
    const table = await both("principal", "list");
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/alice\s+│ 100\s+│ yes/);
    expect(table.stdout).toMatch(/dave\s+│ 0\s+│ no/);
    const json = await both("principal", "list", "--json");
    expect(
      JSON.parse(json.stdout).map((p: { id: string; balance: number; tokenFile: boolean }) => [
        p.id,
        p.balance,
        p.tokenFile,
      ]),
    ).toEqual([
      ["alice", 100, true],
      ["bob", 20, true],
      ["carol", 0, true],
      ["dave", 0, false],
    ]);
  });

  it("says so when there are none", async () => {
    const empty = freshDir();
    await runInProcess(empty, "init");
    expect((await runInProcess(empty, "principal", "list")).stdout).toContain("no principals yet");
  });
});
