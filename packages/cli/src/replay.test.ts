import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type runInProcess, runProcess, startDevInProcess } from "./test-fixtures/run.js";
import { TALLY_DOUBLED, tallyEconomy } from "./test-fixtures/tally-economy.js";

let cwd: string;
let run: (...argv: string[]) => ReturnType<typeof runInProcess>;
let exported: string;

beforeAll(async () => {
  ({ cwd, run } = await tallyEconomy());
  const r = await runProcess(cwd, "journal", "export");
  expect(r.stderr).toBe("");
  exported = r.stdout;
  writeFileSync(join(cwd, "history.jsonl"), exported);
}, 60_000);

/** The known divergence of doubling tally's `add` over bob adding 5 then 7. */
const DOUBLED_REPORT = `replayed 5 transactions with new code for tally: diverged 2
  outcome 0 · result 2 · scrip 0 · ownership 0 · state 2 · events 0
  final state: 1 difference

first divergence
  #4 tx4 bob tally.add
    result: 5 → 10
    state tally: {"total":5} → {"total":10}

result (2)
  #4 tx4 bob tally.add
    result: 5 → 10
  #5 tx5 bob tally.add
    result: 12 → 24

state (2)
  #4 tx4 bob tally.add
    state tally: {"total":5} → {"total":10}
  #5 tx5 bob tally.add
    state tally: {"total":12} → {"total":24}

final state (1)
  state tally: {"total":12} → {"total":24}
`;

describe("ecology journal export", () => {
  it("prints every record as one JSON line, in order, inputs included", () => {
    const records = exported
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(records.map((r) => [r.seq, r.tx, r.origin, r.op])).toEqual([
      [1, "tx1", "operator", "createPrincipal"],
      [2, "tx2", "operator", "createPrincipal"],
      [3, "tx3", "alice", "deploy"],
      [4, "tx4", "bob", "invoke"],
      [5, "tx5", "bob", "invoke"],
    ]);
    expect(records[3].params).toEqual({ target: "tally", method: "add", args: [5] });
  });

  it("exports a range with --from and --to", async () => {
    const r = await run("journal", "export", "--from", "2", "--to", "3");
    expect(r.stdout).toBe(`${exported.split("\n").slice(1, 3).join("\n")}\n`);
    expect((await run("journal", "export", "--from", "0")).code).toBe(2);
  });

  it("exports the same records from `ecology dev` over HTTP", async () => {
    const dev = startDevInProcess(cwd, "0");
    try {
      const remote = await run("journal", "export", "--kernel", await dev.url);
      expect(remote.stdout).toBe(exported);
    } finally {
      dev.stop();
      await dev.exited;
    }
  });
});

describe("ecology replay", () => {
  it("replays an exported journal identically and exits 0", async () => {
    const r = await runProcess(cwd, "replay", "--journal", "history.jsonl");
    expect(r).toEqual({
      code: 0,
      stdout: "replayed 5 transactions: identical (every hash reproduced)\n",
      stderr: "",
    });
  });

  it("replays the economy's own journal when no file is given", async () => {
    const r = await run("replay", "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      replayed: 5,
      from: 1,
      to: 5,
      overrides: [],
      identical: true,
      determinism: [],
      divergences: [],
      counts: { outcome: 0, result: 0, scrip: 0, ownership: 0, state: 0, events: 0 },
      final: [],
    });
  });

  it("reports what changed code would have done, grouped by aspect, and exits 1", async () => {
    const r = await runProcess(
      cwd,
      "replay",
      "--journal",
      "history.jsonl",
      "--with",
      `tally=${TALLY_DOUBLED}`,
    );
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(DOUBLED_REPORT);
    expect(r.code).toBe(1);
  });

  it("prints the exact report with --json and compares only from --from", async () => {
    const r = await run("replay", "--from", "5", "--with", `tally=${TALLY_DOUBLED}`, "--json");
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ replayed: 5, from: 5, overrides: ["tally"], identical: false });
    expect(report.divergences).toHaveLength(1);
    expect(report.divergences[0]).toMatchObject({
      seq: 5,
      tx: "tx5",
      op: "invoke",
      origin: "bob",
      call: "tally.add",
      aspects: ["result", "state"],
      original: { success: true, result: 12 },
      replayed: { success: true, result: 24 },
    });
  });
});

describe("ecology replay refusals (exit 2)", () => {
  const lines = () => readFileSync(join(cwd, "history.jsonl"), "utf8").trimEnd().split("\n");

  it("refuses a file that is not a journal, naming the line", async () => {
    writeFileSync(join(cwd, "garbage.jsonl"), `${lines()[0]}\nnot json\n`);
    const r = await run("replay", "--journal", "garbage.jsonl");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error invalid_argument: garbage\.jsonl:2 is not JSON/);
    writeFileSync(join(cwd, "shape.jsonl"), '{"seq":1}\n');
    const shape = await run("replay", "--journal", "shape.jsonl", "--json");
    expect(shape.code).toBe(2);
    expect(JSON.parse(shape.stdout)).toMatchObject({ error: { code: "invalid_argument" } });
  });

  it("refuses an altered journal: the chain no longer holds", async () => {
    const altered = lines();
    altered[3] = (altered[3] ?? "").replace('"args":[5]', '"args":[500]');
    writeFileSync(join(cwd, "altered.jsonl"), `${altered.join("\n")}\n`);
    const r = await run("replay", "--journal", "altered.jsonl");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error invalid_argument: .*not one unbroken chain .*record 4/);
  });

  it("refuses a missing file, a malformed --with and a --with file that does not compile", async () => {
    const missing = await run("replay", "--journal", "nowhere.jsonl");
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringMatching(/^error not_found/)]);
    expect((await run("replay", "--with", "tally")).code).toBe(2);
    writeFileSync(join(cwd, "broken.ts"), "export default 42;\n");
    const broken = await run("replay", "--with", "tally=broken.ts");
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^error invalid_argument: .*broken\.ts/);
  });
});
