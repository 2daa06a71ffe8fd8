import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Operation, replayOperations, START_TIME, worldViewOf } from "../index.js";
import { proportionalPayouts } from "./proportional-payouts.js";

const fixtures = join(import.meta.dirname, "..", "test-fixtures");
let clock = START_TIME;
function op(o: Omit<Operation, "time">): Operation {
  clock += 1;
  return { ...o, time: clock };
}
const principal = (id: string, scrip: number) =>
  op({ op: "createPrincipal", origin: "operator", params: { id, scrip } });
const call = (origin: string, method: string, args: Operation["params"]["args"] = [], value = 0) =>
  op({ op: "invoke", origin, params: { target: "pool", method, args, value } });
const pay = (origin: string, amount: number) =>
  op({
    op: "invoke",
    origin,
    params: { target: "genesis_ledger", method: "transfer", args: ["pool", amount], value: 0 },
  });

const setup = [
  principal("ana", 100),
  principal("ben", 100),
  principal("cy", 100),
  op({ op: "deploy", origin: "ana", params: { id: "pool", file: "./share-pool.ts", args: [] } }),
];

async function judge(ops: Operation[]): Promise<string | undefined> {
  const { kernel, envelopes } = await replayOperations([...setup, ...ops], { baseDir: fixtures });
  expect(envelopes.map((e) => (e.success ? "ok" : e.error.message))).toEqual(
    envelopes.map(() => "ok"),
  );
  const verdict = proportionalPayouts({ contract: "pool" }).check(worldViewOf(kernel));
  kernel.close();
  return typeof verdict === "string" ? verdict : undefined;
}

describe("proportionalPayouts", () => {
  it("holds for proportional distributions, rebuilt from the kernel's own events", async () => {
    expect(
      await judge([
        call("ana", "join", [], 10),
        call("ben", "join", [], 30),
        pay("cy", 7),
        call("ben", "distribute"),
      ]),
    ).toBeUndefined();
  });

  it("breaks when one member takes all the revenue, naming who and by how much", async () => {
    const verdict = await judge([
      call("ana", "join", [], 10),
      call("ben", "join", [], 30),
      pay("cy", 8),
      call("ana", "payAll", ["ana"]),
    ]);
    expect(verdict).toBe(
      "ana was paid 8 of a 8-scrip payout by pool with 10 of 40 scrip staked (its share is at most 3)",
    );
  });

  it("forgets a stake once withdrawn, so a payout to a former member breaks it", async () => {
    const ops = [
      call("ana", "join", [], 10),
      call("ben", "join", [], 30),
      call("ana", "withdraw"),
      pay("cy", 4),
    ];
    expect(await judge([...ops, call("ben", "distribute")])).toBeUndefined();
    expect(await judge([...ops, call("ben", "payAll", ["ana"])])).toMatch(
      /^ana was paid 4 .* with 0 of 30 scrip staked \(its share is at most 0\)$/,
    );
  });

  it("ignores payments into the contract that are not stakes (revenue)", async () => {
    expect(
      await judge([call("ana", "join", [], 10), pay("ben", 50), call("ana", "distribute")]),
    ).toBeUndefined();
  });
});
