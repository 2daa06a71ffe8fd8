import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Kernel } from "./kernel.js";
import { DEFAULT_LIMITS } from "./limits.js";
import { contract, mustDeploy, testKernel } from "./test-fixtures/contracts.js";
import type { Envelope, EnvelopeError, KernelEvent } from "./types.js";

/** Fails with messages, thrown values and nested failures as large as the caller asks. */
const LOUD = contract(
  `function big(n) { return new Array(n + 1).join("é"); }
  module.exports = { default: { methods: {
    fail(ctx, n) { ctx.fail("invalid_state", big(n)); },
    throwValue(ctx, n) { throw { message: big(n), payload: big(n) }; },
    relay(ctx, n) { return ctx.call("loud2", "fail", n); },
  } } };`,
  { methods: { fail: 1, throwValue: 1, relay: 1 } },
);

const BIG = 900 * 1024;
let k: Kernel;

afterEach(() => k?.close());

function errorOf(env: Envelope): EnvelopeError {
  if (env.success) throw new Error("expected a failure");
  return env.error;
}

function failures(): KernelEvent[] {
  const page = k.events({ types: ["invoke.failed"] });
  return page.success ? page.result.events : [];
}

function bytes(v: unknown): number {
  return Buffer.byteLength(JSON.stringify(v));
}

describe("failure records are capped", () => {
  it("truncates a huge ctx.fail message in the envelope and in invoke.failed, saying so", async () => {
    k = await testKernel();
    k.createPrincipal("alice", { scrip: 10 });
    mustDeploy(k, "alice", "loud", LOUD);
    const error = errorOf(k.invoke("alice", "loud", "fail", [BIG]));
    expect(error.code).toBe("invalid_state");
    expect(Buffer.byteLength(error.message)).toBeLessThanOrEqual(DEFAULT_LIMITS.maxErrorBytes);
    expect(error.message).toMatch(/^éé.*\[truncated: \d+ bytes\]$/);
    expect(error.message).toContain(`[truncated: ${2 * BIG} bytes]`);
    const recorded = failures().at(-1);
    expect(recorded?.data.message).toBe(error.message);
    expect(bytes(recorded?.data)).toBeLessThan(DEFAULT_LIMITS.maxEventBytes);
  });

  it("caps the details of a thrown value, marking them truncated", async () => {
    k = await testKernel();
    k.createPrincipal("alice", { scrip: 10 });
    mustDeploy(k, "alice", "loud", LOUD);
    const error = errorOf(k.invoke("alice", "loud", "throwValue", [BIG / 4]));
    expect(error.code).toBe("contract_error");
    expect(bytes(error.details)).toBeLessThanOrEqual(DEFAULT_LIMITS.maxErrorBytes);
    expect(error.details?.truncated).toBe(true);
    expect(bytes(error)).toBeLessThan(3 * DEFAULT_LIMITS.maxErrorBytes);
  });

  it("caps a nested failure before the caller rethrows it, at every depth", async () => {
    k = await testKernel();
    k.createPrincipal("alice", { scrip: 10 });
    mustDeploy(k, "alice", "loud", LOUD);
    mustDeploy(k, "alice", "loud2", LOUD);
    const error = errorOf(k.invoke("alice", "loud", "relay", [BIG]));
    expect(error.path).toEqual([
      { artifact: "loud", method: "relay" },
      { artifact: "loud2", method: "fail" },
    ]);
    expect(Buffer.byteLength(error.message)).toBeLessThanOrEqual(DEFAULT_LIMITS.maxErrorBytes);
    const recorded = failures();
    expect(recorded).toHaveLength(2);
    for (const e of recorded) expect(bytes(e.data)).toBeLessThan(DEFAULT_LIMITS.maxEventBytes);
  });

  it("keeps a short message whole and honours a configured cap", async () => {
    k = await testKernel({ limits: { maxErrorBytes: 200 } });
    k.createPrincipal("alice", { scrip: 10 });
    mustDeploy(k, "alice", "loud", LOUD);
    expect(errorOf(k.invoke("alice", "loud", "fail", [10])).message).toBe("é".repeat(10));
    const error = errorOf(k.invoke("alice", "loud", "fail", [1000]));
    expect(Buffer.byteLength(error.message)).toBeLessThanOrEqual(200);
    expect(error.message).toMatch(/\[truncated: 2000 bytes\]$/);
  });

  it("caps a huge invalid target id echoed in the refusal message", async () => {
    k = await testKernel();
    k.createPrincipal("alice", { scrip: 10 });
    const error = errorOf(k.invoke("alice", "x".repeat(BIG), "m", []));
    expect(error.code).toBe("invalid_argument");
    expect(Buffer.byteLength(error.message)).toBeLessThanOrEqual(DEFAULT_LIMITS.maxErrorBytes);
    expect(bytes(error.path)).toBeLessThanOrEqual(DEFAULT_LIMITS.maxErrorBytes);
  });

  it("three 900 KiB failures no longer grow the database by megabytes", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "ecology-cap-")), "k.db");
    k = await testKernel({ storage: file });
    k.createPrincipal("alice", { scrip: 10 });
    mustDeploy(k, "alice", "loud", LOUD);
    const before = statSync(file).size + statSync(`${file}-wal`).size;
    for (let i = 0; i < 3; i++) errorOf(k.invoke("alice", "loud", "fail", [BIG / 2]));
    const after = statSync(file).size + statSync(`${file}-wal`).size;
    expect(after - before).toBeLessThan(256 * 1024);
  });
});
