import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type DevProcess,
  freshDir,
  runProcess,
  SEARCH_SERVICE,
  startDev,
} from "./test-fixtures/run.js";

/** The trustless-trading and pay-per-use workflows of the coordination patterns, as commands. */
const SESSION: string[][] = [
  ["principal", "create", "alice", "--scrip", "100"],
  ["principal", "create", "bob", "--scrip", "60"],
  ["principal", "create", "carol", "--scrip", "3"],
  // Trustless trading: alice lists a report with the escrow, bob buys it.
  ["write", "report", "--as", "alice", "--content", '{"q3":42}'],
  ["invoke", "genesis_escrow", "deposit", "report", "30", "--as", "alice"],
  ["invoke", "genesis_escrow", "check", "report", "--as", "bob"],
  ["write", "report", "--as", "alice", "--content", '{"q3":0}'],
  ["invoke", "genesis_escrow", "purchase", "report", "--as", "bob"],
  ["invoke", "genesis_escrow", "purchase", "report", "--as", "carol"],
  ["read", "report", "--as", "bob"],
  ["artifacts", "--owner", "bob"],
  // Pay-per-use: alice deploys a search service at 5 scrip a call.
  [
    "deploy",
    SEARCH_SERVICE,
    "--as",
    "alice",
    "--id",
    "search",
    "--args",
    '[["apple","banana","apricot"]]',
  ],
  ["invoke", "search", "search", "ap", "--as", "bob"],
  ["invoke", "search", "search", "an", "--as", "carol"],
  ["invoke", "search", "stats", "--as", "carol"],
  ["balance"],
  ["events", "--artifact", "search"],
  ["events", "--type", "escrow.purchased"],
];

/** Wall-clock fields differ between two runs; everything else must match exactly. */
const CLOCK_FIELDS = new Set(["time", "hash", "createdAt", "updatedAt", "closedAt"]);
function withoutClock(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutClock);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !CLOCK_FIELDS.has(key))
        .map(([key, v]) => [key, withoutClock(v)]),
    );
  }
  return value;
}

type Step = { command: string; code: number; json: unknown };

async function play(cwd: string, extra: string[]): Promise<Step[]> {
  const steps: Step[] = [];
  for (const argv of SESSION) {
    const r = await runProcess(cwd, ...argv, "--json", ...extra);
    expect(r.stderr).toBe("");
    steps.push({
      command: argv.slice(0, 3).join(" "),
      code: r.code,
      json: withoutClock(JSON.parse(r.stdout)),
    });
  }
  return steps;
}

let embedded: Step[];
let served: Step[];
let dev: DevProcess;

beforeAll(async () => {
  const local = freshDir();
  expect((await runProcess(local, "init")).code).toBe(0);
  embedded = await play(local, []);
  const remote = freshDir();
  dev = await startDev(remote);
  served = await play(remote, ["--kernel", dev.url]);
}, 300_000);

afterAll(async () => {
  expect(await dev?.stop()).toBe(0);
});

/** Envelope-ish JSON, loosely typed for assertions. */
type Loose = { result: { id: string }[] } & Record<string, unknown>;
const step = (steps: Step[], i: number) => steps[i] as Step & { json: Loose };

describe("a scripted CLI session (real processes)", () => {
  it("trades an artifact through the escrow", () => {
    expect(step(embedded, 4).json).toMatchObject({
      success: true,
      result: { status: "active", price: 30 },
    });
    expect(step(embedded, 6)).toMatchObject({
      code: 1,
      json: { success: false, error: { code: "not_authorized" } },
    });
    expect(step(embedded, 7).json).toMatchObject({
      success: true,
      result: { buyer: "bob", status: "completed" },
    });
    expect(step(embedded, 8)).toMatchObject({ code: 1, json: { success: false } });
    expect(step(embedded, 9).json).toMatchObject({ success: true, result: { q3: 42 } });
    expect(step(embedded, 10).json.result.map((a) => a.id)).toEqual(["report"]);
  });

  it("charges per use and refuses a caller who cannot pay, running nothing", () => {
    expect(step(embedded, 12).json).toMatchObject({
      success: true,
      result: { hits: ["apple", "apricot"] },
      cost: { price: 5 },
    });
    expect(step(embedded, 13)).toMatchObject({
      code: 1,
      json: { error: { code: "insufficient_funds" } },
    });
    expect(step(embedded, 14).json).toMatchObject({ success: true, result: { calls: 1 } });
    expect(step(embedded, 15).json).toEqual({ alice: 135, bob: 25, carol: 3 });
  });

  it("gives identical --json results and exit codes embedded and against ecology dev", () => {
    expect(served).toHaveLength(SESSION.length);
    for (let i = 0; i < SESSION.length; i++) expect(served[i]).toEqual(embedded[i]);
  });
});
