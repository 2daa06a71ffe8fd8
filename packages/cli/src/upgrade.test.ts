import { mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runInProcess, runProcess } from "./test-fixtures/run.js";
import { TALLY, TALLY_DOUBLED, tallyEconomy } from "./test-fixtures/tally-economy.js";

let cwd: string;
let run: (...argv: string[]) => ReturnType<typeof runInProcess>;
const ecology = (...argv: string[]) => runProcess(cwd, ...argv);

beforeAll(async () => {
  ({ cwd, run } = await tallyEconomy());
  expect((await run("deploy", TALLY, "--as", "alice", "--id", "fixed")).code).toBe(0);
}, 60_000);

/** The policy of artifact `id`, as `ecology artifacts --json` shows it. */
async function policyOf(id: string) {
  const listed = JSON.parse((await run("artifacts", "--json")).stdout);
  return listed.result.find((a: { id: string }) => a.id === id).policy;
}

describe("ecology deploy --upgradable and ecology artifacts", () => {
  it("deploys with policy.upgradable true and shows which contracts are upgradable", async () => {
    expect((await policyOf("tally")).upgradable).toBe(true);
    expect((await policyOf("fixed")).upgradable).toBeUndefined();
    const table = await ecology("artifacts", "--kind", "contract");
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/│ upgradable │/);
    expect(table.stdout).toMatch(/│ tally\s+│ contract │ alice │ \d+\s+│ yes\s+│/);
    expect(table.stdout).toMatch(/│ fixed\s+│ contract │ alice │ \d+\s+│ no\s+│/);
  });
});

describe("ecology upgrade", () => {
  it("refuses a non-owner with not_authorized, changing nothing", async () => {
    const r = await ecology("upgrade", "tally", TALLY_DOUBLED, "--as", "bob", "--json");
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({
      success: false,
      error: { code: "not_authorized" },
    });
    expect((await run("invoke", "tally", "add", "0", "--as", "bob", "--json")).stdout).toMatch(
      /"result": 12/,
    );
  });

  it("refuses a contract deployed without --upgradable, naming the reason", async () => {
    const r = await ecology("upgrade", "fixed", TALLY_DOUBLED, "--as", "alice", "--json");
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error).toMatchObject({
      code: "not_authorized",
      details: { reason: "not_upgradable" },
    });
    // The human line in-process: a CLI process compiling a contract takes seconds.
    const human = await run("upgrade", "fixed", TALLY_DOUBLED, "--as", "alice");
    expect(human.stderr).toMatch(/^error not_authorized: fixed was not deployed upgradable/);
  });

  it("refuses migrate args when the new code defines no migrate", async () => {
    const r = await run("upgrade", "tally", TALLY_DOUBLED, "--as", "alice", "--args", "[1]");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error invalid_argument: the new code defines no migrate/);
  });

  it("reports a file that does not compile like deploy does", async () => {
    writeFileSync(join(cwd, "broken.ts"), "export default 42;\n");
    const r = await run("upgrade", "tally", "broken.ts", "--as", "alice");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error invalid_argument: .*broken\.ts/);
  });

  it("replaces the code of an upgradable contract, keeping its state", async () => {
    const r = await ecology("upgrade", "tally", TALLY_DOUBLED, "--as", "alice");
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^ok upgraded tally \(code [0-9a-f]{12} → [0-9a-f]{12}\)\n/);
    const added = await run("invoke", "tally", "add", "1", "--as", "bob", "--json");
    expect(JSON.parse(added.stdout).result).toBe(14);
    const events = JSON.parse(
      (await run("events", "--type", "artifact.upgraded", "--json")).stdout,
    );
    expect(events.result.events).toHaveLength(1);
  });

  it("is refused once policy --no-upgradable switched upgrades off", async () => {
    const off = await ecology("policy", "tally", "--as", "alice", "--no-upgradable");
    expect(off.code).toBe(0);
    expect(off.stdout).toMatch(/^ok policy of tally: .* · not upgradable\n/);
    const r = await ecology("upgrade", "tally", TALLY, "--as", "alice", "--json");
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error).toMatchObject({ details: { reason: "not_upgradable" } });
  });
});

describe("ecology policy", () => {
  it("sets prices and allow lists, merging method prices over the current ones", async () => {
    const first = await run("policy", "fixed", "--as", "alice", "--method-price", "add=3");
    expect(first.code).toBe(0);
    const r = await ecology(
      ...["policy", "fixed", "--as", "alice", "--invoke-price", "2", "--read-price", "1"],
      ...["--method-price", "reset=4", "--allow-invoke", "bob,alice", "--allow-read", "*"],
    );
    expect(r.stderr).toBe("");
    expect(await policyOf("fixed")).toEqual({
      invokePrice: 2,
      readPrice: 1,
      methodPrices: { add: 3, reset: 4 },
      allowInvoke: ["bob", "alice"],
      allowRead: "*",
    });
  });

  it("sets and removes a gate with --gate none", async () => {
    expect((await run("policy", "fixed", "--as", "alice", "--gate", "tally")).code).toBe(0);
    expect((await policyOf("fixed")).gate).toBe("tally");
    expect((await run("policy", "fixed", "--as", "alice", "--gate", "none")).code).toBe(0);
    expect((await policyOf("fixed")).gate).toBeUndefined();
  });

  it("refuses a non-owner, no flags, and malformed flags", async () => {
    const byBob = await run("policy", "fixed", "--as", "bob", "--invoke-price", "0");
    expect(byBob.stderr).toMatch(/^error not_authorized: /);
    const none = await run("policy", "fixed", "--as", "alice");
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/^error invalid_argument: give at least one policy flag/);
    expect((await run("policy", "fixed", "--as", "alice", "--method-price", "add")).code).toBe(2);
    expect((await run("policy", "fixed", "--as", "alice", "--invoke-price", "-1")).code).toBe(2);
  });
});

/**
 * A `migrate` needs the SDK's `defineContract({ migrate })` and the compiler's
 * `manifest.migrate` (issue 16 part A, built beside this). The v2 source is written at run time
 * next to a link to this package's node_modules, so this file type-checks without that SDK, and
 * the test runs as soon as the compiler puts `migrate` in the manifest.
 */
const TALLY_V2 = `import { type Ctx, defineContract } from "@ecology/sdk";
type State = { total: number; bonus: number };
export default defineContract({
  init: (): State => ({ total: 0, bonus: 0 }),
  migrate: (ctx: Ctx<{ total: number }>, bonus: number): State => ({ total: ctx.state.total + bonus, bonus }),
  methods: { add(ctx: Ctx<State>, n: number) { ctx.state.total += n; return ctx.state.total; } },
});
`;

function writeV2(): string {
  const dir = mkdtempSync(join(tmpdir(), "eco-v2-"));
  symlinkSync(join(import.meta.dirname, "..", "node_modules"), join(dir, "node_modules"));
  writeFileSync(join(dir, "tally-v2.ts"), TALLY_V2);
  return join(dir, "tally-v2.ts");
}

const v2 = writeV2();
const built = await runInProcess(tmpdir(), "build", v2, "--json");
const compilerHasMigrate = built.code === 0 && JSON.parse(built.stdout).migrate !== undefined;

describe("ecology upgrade --args (migrate)", () => {
  it.skipIf(!compilerHasMigrate)("runs the new code's migrate with the args", async () => {
    const economy = await tallyEconomy();
    const r = await runProcess(
      economy.cwd,
      "upgrade",
      "tally",
      v2,
      "--as",
      "alice",
      "--args",
      "[100]",
    );
    expect(r.stderr).toBe("");
    const added = await economy.run("invoke", "tally", "add", "1", "--as", "bob", "--json");
    expect(JSON.parse(added.stdout).result).toBe(113);
    const wrong = await economy.run("upgrade", "tally", v2, "--as", "alice", "--args", '["x"]');
    expect(wrong.stderr).toMatch(/^error invalid_argument: /);
  });
});
