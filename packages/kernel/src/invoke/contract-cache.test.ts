import { afterEach, describe, expect, it } from "vitest";
import { createKernel } from "../create-kernel.js";
import type { Kernel } from "../kernel.js";
import { KernelError } from "../kernel-error.js";
import { DEFAULT_POLICY } from "../policy.js";
import type { ArtifactRow } from "../storage/storage.js";
import { COUNTER, contract, mustDeploy, sharedRuntime } from "../test-fixtures/contracts.js";
import type { ContractCode } from "../types.js";
import type { LoadedContract } from "../world.js";
import { worldOf } from "../world-of.js";
import { ContractCache, DEFAULT_CONTRACT_CACHE, loadedBytes } from "./contract-cache.js";
import { codeHash } from "./contracts.js";

function loaded(js: string): LoadedContract {
  return {
    manifest: { methods: [], reentrant: false },
    program: undefined,
    js,
    sourceMap: undefined,
  };
}

describe("ContractCache", () => {
  it("evicts the least recently used past its count", () => {
    const cache = new ContractCache({ maxEntries: 2, maxBytes: 1e9 });
    cache.set("a", loaded("a"));
    cache.set("b", loaded("b"));
    cache.get("a");
    cache.set("c", loaded("c"));
    expect([cache.has("a"), cache.has("b"), cache.has("c")]).toEqual([true, false, true]);
    expect(cache.size).toBe(2);
  });

  it("evicts past its bytes, keeps the newest even when it alone is over, and counts exactly", () => {
    const small = loaded("x".repeat(100));
    const unit = loadedBytes(small);
    const cache = new ContractCache({ maxEntries: 100, maxBytes: unit * 3 });
    for (const key of ["a", "b", "c", "d"]) cache.set(key, loaded("x".repeat(100)));
    expect([cache.size, cache.bytes]).toEqual([3, unit * 3]);
    expect(cache.has("a")).toBe(false);
    const huge = loaded("é".repeat(10_000));
    cache.set("huge", huge);
    expect([cache.size, cache.bytes]).toEqual([1, loadedBytes(huge)]);
    expect(cache.get("huge")).toBe(huge);
    // Replacing a key does not count it twice.
    cache.set("huge", small);
    expect([cache.size, cache.bytes]).toEqual([1, unit]);
  });

  it("defaults to 64 MiB and 4,096 contracts; createKernel refuses bounds below one", async () => {
    expect(DEFAULT_CONTRACT_CACHE).toEqual({ maxBytes: 64 * 1024 * 1024, maxEntries: 4096 });
    for (const bad of [{ maxBytes: 0 }, { maxEntries: 1.5 }, { maxEntries: Number.NaN }]) {
      await expect(createKernel({ contractCache: bad })).rejects.toThrow(KernelError);
    }
  });
});

/** A tiny contract whose code differs per `i` (and so weighs 1–2 KiB in the cache). */
function tinyContract(i: number): ContractCode {
  const pad = `// ${"·".repeat(200 + (i % 400))}`;
  return contract(`${pad}\nmodule.exports = { default: { methods: { n: () => ${i} } } };`, {
    methods: { n: 0 },
  });
}

/**
 * Stores a contract without running its init. A deploy builds a QuickJS sandbox for the program
 * (24 ms each on a loaded 2-core box: 10,000 would take four minutes), and what is under test
 * here is the kernel's cache of loaded contracts, which an invoke fills before anything runs.
 */
function storeContract(k: Kernel, id: string, code: ContractCode): void {
  const row: ArtifactRow = {
    id,
    kind: "contract",
    owner: "alice",
    createdBy: "alice",
    createdAt: 0,
    updatedAt: 0,
    version: 1,
    content: null,
    state: "{}",
    policy: JSON.stringify(DEFAULT_POLICY),
    metadata: "{}",
    deleted: false,
    codeHash: codeHash(code),
  };
  const { storage } = worldOf(k);
  storage.atomic(
    () => storage.insertArtifact(row, JSON.stringify(code)),
    () => true,
  );
}

describe("a long-running kernel's contract cache", () => {
  let k: Kernel;
  afterEach(() => k.close());

  it("stays within its bounds over 10,000 distinct contracts and reloads an evicted one", async () => {
    const bounds = { maxBytes: 512 * 1024, maxEntries: 1_000 };
    k = await createKernel({
      runtime: await sharedRuntime(),
      contractCache: bounds,
      limits: { maxFailuresPerWindow: 1_000_000 },
    });
    k.createPrincipal("alice", { scrip: 100 });
    mustDeploy(k, "alice", "counter", COUNTER, [0]);
    expect(k.invoke("alice", "counter", "inc", [1])).toMatchObject({ success: true, result: 1 });
    const { contracts } = worldOf(k);
    const counterKey = `counter:${codeHash(COUNTER)}`;
    expect(contracts.has(counterKey)).toBe(true);
    let most = { size: 0, bytes: 0 };
    for (let i = 0; i < 10_000; i++) {
      storeContract(k, `tiny_${i}`, tinyContract(i));
      // Loading its manifest is enough to cache it; asking for a method it lacks runs nothing.
      const env = k.invoke("alice", `tiny_${i}`, "missing", []);
      expect(env.success || env.error.code).toBe("unknown_method");
      most = {
        size: Math.max(most.size, contracts.size),
        bytes: Math.max(most.bytes, contracts.bytes),
      };
    }
    expect(most.size).toBeLessThanOrEqual(bounds.maxEntries);
    expect(most.bytes).toBeLessThanOrEqual(bounds.maxBytes);
    // The byte bound is the one that binds here: it was reached, the count never was.
    expect(most.bytes).toBeGreaterThan(bounds.maxBytes * 0.99);
    expect(most.size).toBeLessThan(bounds.maxEntries);
    // Some of the last contracts, run for real, then the counter: evicted long ago, reloaded.
    for (const i of [9_999, 9_998]) {
      expect(k.invoke("alice", `tiny_${i}`, "n", [])).toMatchObject({ success: true, result: i });
    }
    expect(contracts.has(counterKey)).toBe(false);
    expect(k.invoke("alice", "counter", "inc", [2])).toMatchObject({ success: true, result: 3 });
    expect(contracts.has(counterKey)).toBe(true);
    expect(contracts.bytes).toBeLessThanOrEqual(bounds.maxBytes);
    k.checkInvariants();
  }, 120_000);
});
