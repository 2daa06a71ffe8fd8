import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliRun, freshDir, runInProcess, startDevInProcess } from "./test-fixtures/run.js";

let run: (...argv: string[]) => Promise<CliRun>;
let dev: ReturnType<typeof startDevInProcess>;
let url: string;

/** The seqs in the first column of an events table. */
const seqsOf = (table: string) => [...table.matchAll(/^│ (\d+)\s+│/gm)].map((m) => Number(m[1]));
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);
/** The command a paging line tells the user to run, as argv. */
const pagingCommand = (out: string) =>
  (/: ecology (events .*)$/m.exec(out)?.[1] ?? "").split(" ").filter(Boolean);

beforeAll(async () => {
  const cwd = freshDir();
  run = (...argv) => runInProcess(cwd, ...argv);
  dev = startDevInProcess(cwd, "0");
  url = await dev.url;
  await run("principal", "create", "alice", "--scrip", "1"); // seq 1, 2
  for (let i = 0; i < 110; i++) await run("mint", "alice", "1"); // seq 3..112
}, 120_000);

afterAll(async () => {
  dev.stop();
  expect(await dev.exited).toBe(0);
});

describe("ecology events paging", () => {
  it("shows the newest 50 in seq order, says how many are earlier and how to page back", async () => {
    const r = await run("events");
    expect(r.code).toBe(0);
    expect(seqsOf(r.stdout)).toEqual(range(63, 112));
    expect(r.stdout).toMatch(/… 62 earlier events; page back with: ecology events --before 63\n$/);
    const back = await run(...pagingCommand(r.stdout));
    expect(seqsOf(back.stdout)).toEqual(range(13, 62));
    expect(back.stdout).toContain(
      "… 12 earlier events; page back with: ecology events --before 13\n",
    );
    const first = await run(...pagingCommand(back.stdout));
    expect(seqsOf(first.stdout)).toEqual(range(1, 12));
    expect(first.stdout).not.toContain("earlier");
  });

  it("pages forward with --after and keeps --limit and the filters in the paging line", async () => {
    const r = await run("events", "--after", "100", "--limit", "5");
    expect(seqsOf(r.stdout)).toEqual(range(101, 105));
    expect(r.stdout).toContain("… more events; next page: ecology events --after 105 --limit 5\n");
    const typed = await run("events", "--type", "principal.created,scrip.minted", "--limit", "3");
    expect(seqsOf(typed.stdout)).toEqual([110, 111, 112]);
    expect(typed.stdout).toContain(
      "… earlier matching events; page back with: ecology events --before 110 --type principal.created,scrip.minted --limit 3\n",
    );
    const last = await run("events", "--after", "110", "--limit", "5");
    expect(seqsOf(last.stdout)).toEqual([111, 112]);
    expect(last.stdout).not.toContain("more events");
  });

  it("streams every event with --all, one JSON event per line with --json", async () => {
    const human = await run("events", "--all", "--limit", "7");
    expect(
      human.stdout
        .trim()
        .split("\n")
        .map((l) => Number(l.split("  ")[0])),
    ).toEqual(range(1, 112));
    const json = await run("events", "--all", "--json");
    const seqs = json.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l).seq);
    expect(seqs).toEqual(range(1, 112));
  });

  it("keeps the { events, next } envelope with --json", async () => {
    const r = await run("events", "--json");
    const envelope = JSON.parse(r.stdout);
    expect(envelope).toMatchObject({ success: true, result: { next: null } });
    expect(envelope.result.events.map((e: { seq: number }) => e.seq)).toEqual(range(63, 112));
    const before = JSON.parse(
      (await run("events", "--before", "10", "--limit", "2", "--json")).stdout,
    );
    expect(before.result.events.map((e: { seq: number }) => e.seq)).toEqual([8, 9]);
  });

  it.each([["5000"], ["0"], ["ten"]])("refuses --limit %s with the allowed range", async (n) => {
    const r = await run("events", "--limit", n);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("expected a whole number from 1 to 1000");
    expect(r.stderr).not.toContain("ids are");
  });

  it("refuses flag combinations that mean nothing", async () => {
    const r = await run("events", "--follow", "--before", "5");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error invalid_argument: --follow .* hint: see `ecology events --help`/,
    );
    expect((await run("events", "--after", "5", "--before", "6")).code).toBe(1);
  });

  it("prints the same pages through ecology dev", async () => {
    for (const argv of [
      ["events"],
      ["events", "--before", "40", "--limit", "9"],
      ["events", "--all"],
    ]) {
      const embedded = await run(...argv);
      expect(await run(...argv, "--kernel", url)).toEqual(embedded);
    }
  });
});
