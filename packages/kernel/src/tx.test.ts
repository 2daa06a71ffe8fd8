import { afterEach, describe, expect, it } from "vitest";
import type { Kernel } from "./kernel.js";
import { KernelError } from "./kernel-error.js";
import { DEFAULT_LIMITS } from "./limits.js";
import { Refusal } from "./refusal.js";
import { openSqliteStorage } from "./storage/sqlite.js";
import type { Storage } from "./storage/storage.js";
import { COUNTER, LINK, mustDeploy, testKernel } from "./test-fixtures/contracts.js";
import { type FailedInvoke, Tx, transaction } from "./tx.js";
import type { KernelEvent } from "./types.js";
import { worldOf } from "./world-of.js";

const NOW = 1_700_000_000_000;
const KEEP = () => true;

function failed(target: string, code: "invalid_state" | "contract_error"): () => FailedInvoke {
  return () => ({
    caller: "alice",
    target,
    method: "m",
    error: { code, message: `${target} failed` },
    depth: 1,
  });
}

/** Counts the storage transactions a kernel opens (outermost `atomic` calls). */
function countTransactions(storage: Storage): () => number {
  let count = 0;
  const atomic = storage.atomic.bind(storage);
  storage.atomic = (fn, keep) => {
    if (!storage.inTransaction()) count++;
    return atomic(fn, keep);
  };
  return () => count;
}

function allEvents(k: Kernel): KernelEvent[] {
  const page = k.events({ limit: 1000 });
  return page.success ? page.result.events : [];
}

describe("Tx", () => {
  const scope = { storage: openSqliteStorage(":memory:"), limits: DEFAULT_LIMITS };

  it("is created only inside its storage transaction, its id read from the chain head", () => {
    expect(() => new Tx(scope, "alice", NOW)).toThrow(KernelError);
    const id = transaction(scope, "alice", NOW, (tx) => tx.id, KEEP);
    expect(id).toBe(`tx${(scope.storage.lastEvent()?.seq ?? 0) + 1}`);
  });

  it("rolls a failed savepoint's events and writes back and records every failed frame in it", () => {
    const before = scope.storage.lastEvent()?.seq ?? 0;
    const out = transaction(
      scope,
      "alice",
      NOW,
      (tx) => {
        tx.append({ type: "contract.kept", actor: "alice", data: {} });
        const env = tx.savepoint(
          () => {
            scope.storage.setMeta("outer", "written");
            tx.append({ type: "contract.outer", actor: "alice", data: {} });
            const inner = tx.savepoint(
              () => {
                tx.append({ type: "contract.inner", actor: "alice", data: {} });
                throw new Refusal("contract_error", "inner failed");
              },
              failed("inner", "contract_error"),
            );
            expect(inner).toMatchObject({ success: false, error: { code: "contract_error" } });
            throw new Refusal("invalid_state", "outer failed");
          },
          failed("outer", "invalid_state"),
        );
        return { env, events: tx.events.map((e) => [e.type, e.target ?? null, e.tx]) };
      },
      KEEP,
    );
    expect(out.env).toMatchObject({ success: false, error: { message: "outer failed" } });
    const tx = `tx${before + 1}`;
    // Kept, then the inner frame's record (rolled back with the outer frame, so written again),
    // then the outer frame's record; nothing of what the frames did.
    expect(out.events).toEqual([
      ["contract.kept", null, tx],
      ["invoke.failed", "inner", tx],
      ["invoke.failed", "outer", tx],
    ]);
    expect(scope.storage.getMeta("outer")).toBeUndefined();
    expect(scope.storage.lastEvent()?.seq).toBe(before + 3);
  });

  it("hands a succeeding savepoint's events to its envelope", () => {
    const env = transaction(
      scope,
      "alice",
      NOW,
      (tx) => {
        tx.append({ type: "contract.before", actor: "alice", data: {} });
        return tx.savepoint(
          () => {
            tx.append({ type: "contract.during", actor: "alice", data: {} });
            return { result: 1, cost: { price: 0, value: 0, compute: 0 } };
          },
          failed("x", "contract_error"),
        );
      },
      KEEP,
    );
    expect(env.success && env.events.map((e) => e.type)).toEqual(["contract.during"]);
  });

  it("lets bugs through, undoing the whole transaction", () => {
    const before = scope.storage.lastEvent()?.seq;
    expect(() =>
      transaction(
        scope,
        "alice",
        NOW,
        (tx) =>
          tx.savepoint(
            () => {
              tx.append({ type: "contract.lost", actor: "alice", data: {} });
              throw new TypeError("a bug");
            },
            failed("x", "contract_error"),
          ),
        KEEP,
      ),
    ).toThrow(TypeError);
    expect(scope.storage.lastEvent()?.seq).toBe(before);
  });
});

describe("a failed top-level invoke", () => {
  let k: Kernel;
  afterEach(() => k.close());

  it("commits its invoke.failed records in the same storage transaction as the attempt", async () => {
    k = await testKernel();
    k.createPrincipal("alice", { scrip: 100 });
    mustDeploy(k, "alice", "counter", COUNTER, [5]);
    mustDeploy(k, "alice", "a", LINK);
    mustDeploy(k, "alice", "b", LINK);
    const transactions = countTransactions(worldOf(k).storage);
    const seq = allEvents(k).length;
    // The transaction id is its journal record's seq: one record per operation so far.
    const ops = worldOf(k).storage.lastJournal()?.seq ?? 0;
    // A rethrown nested failure: two failed frames, rolled back together.
    const plan = { mode: "call", next: { target: "b", plan: { throw: true } } };
    const env = k.invoke("alice", "a", "run", [plan]);
    expect(env).toMatchObject({ success: false, error: { code: "contract_error" } });
    expect(transactions()).toBe(1);
    const records = allEvents(k).slice(seq);
    expect(records.map((e) => [e.type, e.target, e.tx])).toEqual([
      ["invoke.failed", "b", `tx${ops + 1}`],
      ["invoke.failed", "a", `tx${ops + 1}`],
    ]);
    expect(k.getArtifact("a")?.state).toEqual({});
    // The same holds for a failure in the pipeline itself, before any code runs.
    expect(k.invoke("alice", "counter", "inc", ["not a number"])).toMatchObject({
      success: false,
      error: { code: "invalid_argument" },
    });
    expect(transactions()).toBe(2);
    expect(allEvents(k).at(-1)).toMatchObject({ type: "invoke.failed", tx: `tx${ops + 2}` });
    expect(k.verifyLog()).toEqual({ ok: true, count: seq + 3 });
  });
});
