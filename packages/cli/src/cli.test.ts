import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./program.js";
import { freshDir, runInProcess, SEARCH_SERVICE } from "./test-fixtures/run.js";

let cwd: string;
const run = (...argv: string[]) => runInProcess(cwd, ...argv);

beforeAll(async () => {
  cwd = freshDir();
  expect((await run("init")).code).toBe(0);
  await run("principal", "create", "alice", "--scrip", "100");
  await run("principal", "create", "bob", "--scrip", "20");
});

describe("ecology init", () => {
  it("creates the database, 0600 operator and viewer tokens, and is idempotent", async () => {
    expect(statSync(join(cwd, ".ecology", "operator.token")).mode & 0o777).toBe(0o600);
    expect(statSync(join(cwd, ".ecology", "viewer.token")).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(cwd, ".ecology", "viewer.token"), "utf8")).toMatch(/^ecology_view_/);
    expect(statSync(join(cwd, ".ecology", "tokens", "alice.token")).mode & 0o777).toBe(0o600);
    const again = await run("init", "--json");
    expect(JSON.parse(again.stdout)).toMatchObject({ created: false });
  });

  it("tells how to start when there is no .ecology/", async () => {
    const r = await runInProcess(freshDir(), "balance");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error not_found: .*hint: run `ecology init` first\n$/);
  });
});

describe("ecology output", () => {
  it("prints tables for balances and exact data with --json", async () => {
    const table = await run("balance");
    expect(table.stdout).toMatch(/alice\s+│ 100/);
    const json = await run("balance", "--json");
    expect(JSON.parse(json.stdout)).toEqual({ alice: 100, bob: 20 });
    expect((await run("balance", "bob", "--json")).stdout.trim()).toBe("20");
  });

  it("prints a failure as one line with code and hint, and exits 1", async () => {
    const r = await run("invoke", "genesis_ledger", "transfer", "alice", "500", "--as", "bob");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^error insufficient_funds: .* — hint: /);
  });

  it("prints the failure envelope with --json and still exits 1", async () => {
    const r = await run("invoke", "nowhere", "x", "--as", "bob", "--json");
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ success: false, error: { code: "not_found" } });
  });

  it("refuses --as a principal without credentials", async () => {
    const r = await run("read", "x", "--as", "mallory");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error not_authorized: no credentials for principal "mallory"');
  });

  it("exits 2 on usage errors", async () => {
    expect((await run("mint", "alice", "lots")).code).toBe(2);
    expect((await run("invoke", "x")).code).toBe(2);
    expect((await run("frobnicate")).code).toBe(2);
  });

  it("writes from --file and reads it back, paying the read price", async () => {
    writeFileSync(join(cwd, "doc.json"), '{"title":"hello"}');
    const w = await run("write", "doc", "--as", "alice", "--file", "doc.json", "--read-price", "2");
    expect(w.stdout).toMatch(/^ok wrote doc/);
    const r = await run("read", "doc", "--as", "bob", "--json");
    expect(JSON.parse(r.stdout)).toMatchObject({
      success: true,
      result: { title: "hello" },
      cost: { price: 2 },
    });
    expect(await run("write", "doc", "--as", "alice")).toMatchObject({ code: 1 });
  });

  it("lists artifacts by owner and filters events", async () => {
    const a = await run("artifacts", "--owner", "alice", "--json");
    expect(JSON.parse(a.stdout).result.map((x: { id: string }) => x.id)).toEqual(["doc"]);
    const e = await run("events", "--type", "artifact.read", "--json");
    const events = JSON.parse(e.stdout).result.events;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "artifact.read", actor: "bob" });
    expect((await run("events", "--principal", "bob")).stdout).toContain("principal.created");
  });

  it("prints what read answers, even content that has a content key of its own", async () => {
    const content = '{"content":"inner","note":"outer"}';
    await run("write", "boxed", "--as", "alice", "--content", content);
    const r = await run("read", "boxed", "--as", "alice");
    expect(r.stdout.split("\n")[0]).toBe(`ok ${content}`);
  });
});

describe("ecology build", () => {
  it("prints the manifest of a contract", async () => {
    const json = await run("build", SEARCH_SERVICE, "--json");
    expect(JSON.parse(json.stdout).methods.map((m: { name: string }) => m.name)).toEqual([
      "search",
      "stats",
    ]);
    expect((await run("build", SEARCH_SERVICE)).stdout).toMatch(
      /search\s+│ method\s+│ query: string/,
    );
  });

  it("lists every compile error, then one error line, and exits 1", async () => {
    writeFileSync(
      join(cwd, "clock.ts"),
      "export default { methods: { now: () => Date.now() + Math.random() } };\n",
    );
    const r = await run("build", "clock.ts");
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split("\n");
    expect(lines.slice(0, -1).every((l) => l.startsWith("clock.ts:1:"))).toBe(true);
    expect(lines.at(-1)).toMatch(/^error invalid_argument: clock.ts has \d+ compile errors/);
    const json = JSON.parse((await run("build", "clock.ts", "--json")).stdout);
    expect(json.error.details.diagnostics.length).toBe(lines.length - 1);
  });
});

describe("ecology events --follow", () => {
  it("prints new events as they commit, one JSON line each, until interrupted", async () => {
    const controller = new AbortController();
    let out = "";
    let seen = () => {};
    const arrived = new Promise<void>((resolve) => {
      seen = resolve;
    });
    const following = runCli(
      ["events", "--follow", "--json", "--type", "scrip.minted", "--principal", "bob"],
      {
        cwd,
        signal: controller.signal,
        io: {
          out: (text) => {
            out += text;
            if (out.includes('"amount":7')) seen();
          },
          err: () => {},
        },
      },
    );
    expect((await run("mint", "bob", "7")).code).toBe(0);
    await arrived;
    controller.abort();
    expect(await following).toBe(0);
    const events = out
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(events.map((e) => e.data.amount)).toEqual([20, 7]);
  });
});

describe("ecology --version", () => {
  it("prints the package version", async () => {
    const r = await run("--version");
    expect(r).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) });
  });
});

describe("ecology --help", () => {
  const commands = [
    ["init"],
    ["principal", "create"],
    ["mint"],
    ["build"],
    ["deploy"],
    ["invoke"],
    ["write"],
    ["read"],
    ["balance"],
    ["artifacts"],
    ["events"],
    ["dev"],
    ["simulate"],
  ];
  it.each(commands)("shows usage and an example for %s", async (...command) => {
    const r = await run(...command, "--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Usage: ecology ${command.join(" ")}`);
    expect(r.stdout).toMatch(/Examples?:\n {2}\$ ecology /);
  });
});
