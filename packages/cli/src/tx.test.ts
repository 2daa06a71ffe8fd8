import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { freshDir, runInProcess } from "./test-fixtures/run.js";

const RELAY = join(import.meta.dirname, "test-fixtures", "relay-chain.ts");

describe("ecology tx", () => {
  it("prints a nested, partly rolled-back transaction as a tree with its summary on top", async () => {
    const cwd = freshDir();
    const run = (...argv: string[]) => runInProcess(cwd, ...argv);
    expect((await run("init")).code).toBe(0);
    expect((await run("principal", "create", "alice", "--scrip", "100")).code).toBe(0);
    expect((await run("deploy", RELAY, "--as", "alice", "--id", "first")).code).toBe(0);
    expect((await run("deploy", RELAY, "--as", "alice", "--id", "second")).code).toBe(0);
    expect((await run("mint", "first", "10")).code).toBe(0);
    const call = await run("invoke", "first", "forward", "second", "3", "--as", "alice");
    expect(call.code).toBe(0);

    const r = await run("tx", "--last");
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("alice called first.forward (1 nested call, 1 failed and rolled back)");
    expect(lines[1]).toMatch(/^tx\d+ · invoke by alice · .* · succeeded$/);
    expect(r.stdout).toContain('└─ alice → first.forward("second", 3) [compute ');
    expect(r.stdout).toMatch(/✓ "caught contract_error"\n/);
    expect(r.stdout).toMatch(
      /└─ first → second\.explode\(\) .*✗ contract_error: the second link broke at .*relay-chain\.ts:\d+ \(rolled back\)/,
    );
    // The first link's state change stayed; the second's was undone with it.
    expect(r.stdout).toContain('state first: {"hits":0} → {"hits":1}');
    expect(r.stdout).toContain("scrip\n  first → alice  3\n");
    expect(r.stdout).toContain('state\n  first: {"hits":0} → {"hits":1}\n');
    expect(r.stdout).toMatch(/events\n( {2}\d+ {2}.*\n)+/);
    expect(r.stdout).toMatch(/invoke\.failed {2}first → second/);
    expect(r.stdout).not.toContain("\u001b[");

    // The same by an event's seq, and exactly with --json.
    const json = JSON.parse((await run("tx", "--last", "--json")).stdout);
    expect(json).toMatchObject({ success: true, result: { op: "invoke", faithful: true } });
    const seq = json.result.events[0].seq;
    expect((await run("tx", String(seq))).stdout).toBe(r.stdout);
    expect((await run("tx", json.result.tx)).stdout).toBe(r.stdout);
  }, 60_000);

  it("refuses what is not a transaction with a coded error", async () => {
    const cwd = freshDir();
    const run = (...argv: string[]) => runInProcess(cwd, ...argv);
    expect((await run("init")).code).toBe(0);
    const bad = await run("tx", "banana");
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("invalid_argument");
    const missing = await run("tx", "tx999");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("not_found");
  }, 60_000);
});
