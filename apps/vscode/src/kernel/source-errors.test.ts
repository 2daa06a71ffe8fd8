import type { Envelope } from "@ecology/protocol";
import { describe, expect, it } from "vitest";
import { sourceErrorsOf } from "./source-errors.js";

const compileFailure: Envelope = {
  success: false,
  error: {
    code: "invalid_argument",
    message: "src/pool.ts has 2 compile errors",
    at: { file: "src/pool.ts", line: 7, column: 16 },
    details: {
      diagnostics: [
        {
          severity: "error",
          rule: "non-determinism",
          message: "Date is not available",
          file: "src/pool.ts",
          line: 7,
          column: 16,
        },
        {
          severity: "error",
          rule: "type",
          message: "Type 'number' is not assignable",
          file: "lib/util.ts",
          line: 2,
        },
        { severity: "error", rule: "bundle", message: "no position" },
        "not a diagnostic",
      ],
    },
  },
};

describe("sourceErrorsOf", () => {
  it("lists every compile error with a position, resolved against the workspace", () => {
    expect(sourceErrorsOf(compileFailure, "/ws")).toEqual([
      { file: "/ws/src/pool.ts", line: 7, column: 16, message: "Date is not available" },
      { file: "/ws/lib/util.ts", line: 2, column: 1, message: "Type 'number' is not assignable" },
    ]);
  });

  it("falls back to `at` for a failure without diagnostics, keeping absolute paths", () => {
    const thrown: Envelope = {
      success: false,
      error: {
        code: "contract_error",
        message: "no revenue",
        at: { file: "/elsewhere/pool.ts", line: 40, column: 5 },
      },
    };
    expect(sourceErrorsOf(thrown, "/ws")).toEqual([
      { file: "/elsewhere/pool.ts", line: 40, column: 5, message: "no revenue" },
    ]);
  });

  it("is empty for a success and for a failure that points nowhere", () => {
    const ok: Envelope = {
      success: true,
      result: 1,
      cost: { price: 0, value: 0, compute: 0 },
      events: [],
    };
    expect(sourceErrorsOf(ok, "/ws")).toEqual([]);
    expect(
      sourceErrorsOf({ success: false, error: { code: "conflict", message: "id taken" } }, "/ws"),
    ).toEqual([]);
  });
});
