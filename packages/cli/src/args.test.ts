import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { echoEconomy, lastSeq } from "./test-fixtures/economy.js";
import { type CliRun, startDevInProcess } from "./test-fixtures/run.js";

let cwd: string;
let run: (...argv: string[]) => Promise<CliRun>;

beforeAll(async () => {
  ({ cwd, run } = await echoEconomy());
}, 60_000);

const balanceOf = async (id: string) => Number((await run("balance", id, "--json")).stdout);

describe("invoke args that look like JSON but do not parse", () => {
  it.each([['{"k":1'], ["[1,2"], ['"abc'], ["12abc"], ["3.5.1"]])(
    "refuses %s before anything is paid or logged",
    async (arg) => {
      const before = { bob: await balanceOf("bob"), seq: await lastSeq(run) };
      const r = await run("invoke", "echo", "echo", arg, "--as", "bob");
      expect(r.code).toBe(1);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(
        /^error invalid_argument: argument 1 (\(value\) )?".*" looks like JSON/,
      );
      expect(r.stderr).toContain(`'${JSON.stringify(arg)}'`);
      expect({ bob: await balanceOf("bob"), seq: await lastSeq(run) }).toEqual(before);
    },
  );

  it("answers with the failure envelope under --json", async () => {
    const r = await run("invoke", "echo", "echo", '{"k":1', "--as", "bob", "--json");
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({
      success: false,
      error: { code: "invalid_argument" },
    });
  });

  it("still passes plain words as text and JSON as JSON", async () => {
    const text = await run("invoke", "echo", "echo", "hello world", "--as", "bob", "--json");
    expect(JSON.parse(text.stdout).result).toBe("hello world");
    const json = await run("invoke", "echo", "echo", '{"k":[1,"a"]}', "--as", "bob", "--json");
    expect(JSON.parse(json.stdout).result).toEqual({ k: [1, "a"] });
    const quoted = await run("invoke", "echo", "echo", '"42"', "--as", "bob", "--json");
    expect(JSON.parse(quoted.stdout).result).toBe("42");
  });
});

describe("number-like words for string params (coerced by the manifest)", () => {
  it("keeps 2024 as the artifact id of a genesis escrow deposit", async () => {
    expect((await run("write", "2024", "--as", "alice", "--content", '"q4"')).code).toBe(0);
    const r = await run(
      "invoke",
      "genesis_escrow",
      "deposit",
      "2024",
      "5",
      "--as",
      "alice",
      "--json",
    );
    expect(JSON.parse(r.stdout)).toMatchObject({
      success: true,
      result: { artifactId: "2024", price: 5 },
    });
  });

  it("keeps a number-like word as text for a contract's string param, a number for number", async () => {
    const r = await run("invoke", "echo", "label", "2024", "3", "--as", "bob", "--json");
    expect(JSON.parse(r.stdout).result).toEqual({ name: "2024", count: 3 });
  });

  it("keeps any number-like word as text for a string param, and refuses it elsewhere", async () => {
    const r = await run("invoke", "echo", "label", "3rd", "1", "--as", "bob", "--json");
    expect(JSON.parse(r.stdout).result).toEqual({ name: "3rd", count: 1 });
    const refused = await run("invoke", "echo", "label", "x", "1st", "--as", "bob");
    expect(refused.stderr).toMatch(
      /^error invalid_argument: argument 2 \(count\) "1st" looks like JSON/,
    );
  });

  it("with --kernel, coerces for genesis only: the operator token is not sent for a manifest", async () => {
    const dev = startDevInProcess(cwd, "0");
    const url = await dev.url;
    await run("write", "2025", "--as", "alice", "--content", '"q1"', "--kernel", url);
    const genesis = await run(
      "invoke",
      "genesis_escrow",
      "deposit",
      "2025",
      "5",
      "--as",
      "alice",
      "--kernel",
      url,
      "--json",
    );
    expect(JSON.parse(genesis.stdout).result).toMatchObject({ artifactId: "2025" });
    const contract = await run(
      "invoke",
      "echo",
      "label",
      "2024",
      "3",
      "--as",
      "bob",
      "--kernel",
      url,
    );
    dev.stop();
    expect(await dev.exited).toBe(0);
    expect(contract.code).toBe(1);
    expect(contract.stderr).toMatch(/^error invalid_argument: .*name.*hint: .*'"2024"'/);
  });

  it("leaves params the manifest does not type as string alone", async () => {
    const r = await run("invoke", "echo", "echo", "2024", "--as", "bob", "--json");
    expect(JSON.parse(r.stdout).result).toBe(2024);
  });
});

describe("deeply nested JSON", () => {
  const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

  for (const depth of [3_000, 100_000]) {
    const deep = nested(depth);
    const surfaces: [string, () => string[]][] = [
      ["an invoke arg", () => ["invoke", "echo", "echo", deep, "--as", "bob"]],
      ["--args", () => ["deploy", "nowhere.ts", "--as", "alice", "--args", deep]],
      ["--content", () => ["write", "deep", "--as", "alice", "--content", deep]],
      ["--file", () => ["write", "deep", "--as", "alice", "--file", "deep.json"]],
    ];
    it.each(surfaces)(
      `refuses ${depth} levels in %s with one coded line or the envelope`,
      async (_name, argv) => {
        writeFileSync(join(cwd, "deep.json"), deep);
        const before = await lastSeq(run);
        const human = await run(...argv());
        expect(human).toMatchObject({ code: 1, stdout: "" });
        expect(human.stderr).toMatch(
          /^error invalid_argument: .*nested deeper than 64 levels.*hint: .*\n$/,
        );
        expect(human.stderr.split("\n")).toHaveLength(2);
        const json = await run(...argv(), "--json");
        expect(json.code).toBe(1);
        expect(JSON.parse(json.stdout)).toMatchObject({
          success: false,
          error: { code: "invalid_argument", message: expect.stringContaining("deeper than 64") },
        });
        expect(await lastSeq(run)).toBe(before);
      },
    );
  }

  it("refuses deep objects too, and counts brackets inside strings as text", async () => {
    const objects = `${'{"a":'.repeat(3_000)}1${"}".repeat(3_000)}`;
    const r = await run("write", "deep", "--as", "alice", "--content", objects);
    expect(r.stderr).toMatch(/^error invalid_argument: .*nested deeper than 64 levels/);
    const inString = JSON.stringify(`${"[{".repeat(500)}\\"]`);
    const s = await run("invoke", "echo", "echo", inString, "--as", "bob", "--json");
    expect(JSON.parse(s.stdout).result).toBe(JSON.parse(inString));
  });

  it("stores a text file full of brackets as text", async () => {
    const text = `notes ${"[".repeat(200)} and ${"{".repeat(200)}`;
    writeFileSync(join(cwd, "notes.txt"), text);
    expect((await run("write", "notes", "--as", "alice", "--file", "notes.txt")).code).toBe(0);
    const r = await run("read", "notes", "--as", "alice", "--json");
    expect(JSON.parse(r.stdout).result).toBe(text);
  });

  it("accepts JSON at the depth limit", async () => {
    const r = await run("write", "deep", "--as", "alice", "--content", nested(64));
    expect(r.code).toBe(0);
  });
});

describe("scrip moves after a call", () => {
  it("shows the escrow purchase that cost 30 although the price was 0", async () => {
    await run("write", "report", "--as", "alice", "--content", '{"q3":42}');
    await run("invoke", "genesis_escrow", "deposit", "report", "30", "--as", "alice");
    const r = await run("invoke", "genesis_escrow", "purchase", "report", "--as", "bob");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("cost: price 0");
    expect(r.stdout).toContain("moved: bob → alice 30 (escrow purchase of report)\n");
  });

  it("shows the price of a contract call and nothing for a free one", async () => {
    const paid = await run("invoke", "echo", "echo", "hi", "--as", "bob");
    expect(paid.stdout).toContain("moved: bob → alice 2 (price of echo.echo)\n");
    const free = await run("invoke", "echo", "label", "x", "1", "--as", "bob");
    expect(free.stdout).not.toContain("moved:");
  });
});
