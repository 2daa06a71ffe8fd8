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
    expect(sourceErrorsOf(compileFailure, { workspace: "/ws", entry: "/ws/src/pool.ts" })).toEqual([
      { file: "/ws/src/pool.ts", line: 7, column: 16, message: "Date is not available" },
      { file: "/ws/lib/util.ts", line: 2, column: 1, message: "Type 'number' is not assignable" },
    ]);
  });

  it("falls back to `at`, relative to the deployed file's folder, for a runtime error", () => {
    const thrown: Envelope = {
      success: false,
      error: {
        code: "contract_error",
        message: "no revenue",
        at: { file: "pool.ts", line: 40, column: 5 },
      },
    };
    expect(sourceErrorsOf(thrown, { workspace: "/ws", entry: "/ws/src/pool.ts" })).toEqual([
      { file: "/ws/src/pool.ts", line: 40, column: 5, message: "no revenue" },
    ]);
    // An invoke does not say which file it ran: the name stays as the source map gave it.
    expect(sourceErrorsOf(thrown, { workspace: "/ws" })[0]?.file).toBe("pool.ts");
    expect(sourceErrorsOf(thrown)[0]?.file).toBe("pool.ts");
  });

  it("keeps absolute paths as they are", () => {
    const thrown: Envelope = {
      success: false,
      error: {
        code: "contract_error",
        message: "x",
        at: { file: "/elsewhere/pool.ts", line: 1, column: 1 },
      },
    };
    expect(sourceErrorsOf(thrown, { workspace: "/ws", entry: "/ws/src/pool.ts" })[0]?.file).toBe(
      "/elsewhere/pool.ts",
    );
  });

  it("is empty for a success and for a failure that points nowhere", () => {
    const ok: Envelope = {
      success: true,
      result: 1,
      cost: { price: 0, value: 0, compute: 0 },
      events: [],
    };
    expect(sourceErrorsOf(ok, { workspace: "/ws" })).toEqual([]);
    const nowhere: Envelope = { success: false, error: { code: "conflict", message: "id taken" } };
    expect(sourceErrorsOf(nowhere, { workspace: "/ws" })).toEqual([]);
  });
});
