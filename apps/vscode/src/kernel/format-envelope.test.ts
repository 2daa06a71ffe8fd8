import type { Envelope, KernelEvent } from "@ecology/protocol";
import { describe, expect, it } from "vitest";
import { formatEnvelope, formatEvent, summarizeEnvelope } from "./format-envelope.js";

const event: KernelEvent = {
  seq: 7,
  time: 1,
  tx: "t1",
  type: "contract.joined",
  actor: "alice",
  target: "pool",
  data: { amount: 5 },
  hash: "h",
};

describe("formatEnvelope", () => {
  it("shows the value, the cost and each event of a success", () => {
    const envelope: Envelope = {
      success: true,
      result: { members: 1 },
      cost: { price: 2, value: 5, compute: 130 },
      events: [event],
    };
    expect(formatEnvelope("pool.join", envelope)).toEqual([
      '✓ pool.join → {"members":1}',
      "  cost: price 2, value 5, compute 130",
      "  event #7 contract.joined by alice → pool",
    ]);
  });

  it("shows the error code, the invoke path and the source position of a failure", () => {
    const envelope: Envelope = {
      success: false,
      error: {
        code: "insufficient_funds",
        message: "alice has 1 scrip",
        path: [
          { artifact: "shop", method: "buy" },
          { artifact: "genesis_ledger", method: "transfer" },
        ],
        at: { file: "shop.ts", line: 12, column: 5 },
      },
    };
    expect(formatEnvelope("shop.buy", envelope)).toEqual([
      "✗ shop.buy failed: insufficient_funds: alice has 1 scrip",
      "  path: shop.buy → genesis_ledger.transfer",
      "  at: shop.ts:12:5",
    ]);
    expect(summarizeEnvelope("shop.buy", envelope)).toBe(
      "shop.buy failed: alice has 1 scrip (at shop.buy → genesis_ledger.transfer)",
    );
  });

  it("lists every compile error of a deploy at its absolute position", () => {
    const envelope: Envelope = {
      success: false,
      error: {
        code: "invalid_argument",
        message: "src/pool.ts has 2 compile errors",
        at: { file: "src/pool.ts", line: 7, column: 16 },
        details: {
          diagnostics: [
            { message: "Date is not available", file: "src/pool.ts", line: 7, column: 16 },
            { message: "Type 'number' is not assignable", file: "src/pool.ts", line: 9, column: 3 },
          ],
        },
      },
    };
    expect(formatEnvelope("deploy pool", envelope, { workspace: "/ws" })).toEqual([
      "✗ deploy pool failed: invalid_argument: src/pool.ts has 2 compile errors",
      "  /ws/src/pool.ts:7:16: Date is not available",
      "  /ws/src/pool.ts:9:3: Type 'number' is not assignable",
    ]);
  });
});

describe("formatEvent", () => {
  it("names an event without a target by its actor only", () => {
    const { target: _, ...untargeted } = event;
    expect(formatEvent(untargeted)).toBe("#7 contract.joined by alice");
  });
});
