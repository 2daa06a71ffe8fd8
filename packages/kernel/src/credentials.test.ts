import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createKernel } from "./create-kernel.js";
import type { Kernel } from "./kernel.js";
import { KernelError } from "./kernel-error.js";
import { worldOf } from "./world-of.js";

const open: Kernel[] = [];

/** Resolves once `done()` holds, polling; fails the test after 5 s. */
async function until(done: () => boolean): Promise<void> {
  const end = Date.now() + 5000;
  while (!done()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** PostgreSQL hears commits through LISTEN on its own connection: wait until it listens. */
async function listening(k: Kernel): Promise<void> {
  await (worldOf(k).storage as { listening?: () => Promise<void> }).listening?.();
}
afterEach(() => {
  for (const k of open.splice(0)) k.close();
});

async function kernel(storage?: string): Promise<Kernel> {
  const k = await createKernel(storage === undefined ? {} : { storage });
  open.push(k);
  return k;
}

describe("kernel.credentials", () => {
  it("stores, replaces, lists by prefix and deletes opaque strings", async () => {
    const k = await kernel();
    expect(k.credentials.get("operator")).toBeUndefined();
    k.credentials.put("operator", "h1");
    k.credentials.put("principal:bob", "hb");
    k.credentials.put("principal:alice", "ha");
    k.credentials.put("principal_x", "not a principal");
    k.credentials.put("operator", "h2");
    expect(k.credentials.get("operator")).toBe("h2");
    expect(k.credentials.list("principal:")).toEqual([
      { name: "principal:alice", value: "ha" },
      { name: "principal:bob", value: "hb" },
    ]);
    expect(k.credentials.list().map((c) => c.name)).toEqual([
      "operator",
      "principal:alice",
      "principal:bob",
      "principal_x",
    ]);
    expect(k.credentials.delete("principal:bob")).toBe(true);
    expect(k.credentials.delete("principal:bob")).toBe(false);
    expect(k.credentials.get("principal:bob")).toBeUndefined();
  });

  it("treats % and _ in a prefix literally", async () => {
    const k = await kernel();
    k.credentials.put("a%b", "1");
    k.credentials.put("axb", "2");
    expect(k.credentials.list("a%").map((c) => c.name)).toEqual(["a%b"]);
  });

  it("refuses bad names and values with invalid_options, storing nothing", async () => {
    const k = await kernel();
    const bad = [
      () => k.credentials.put("", "v"),
      () => k.credentials.put("x".repeat(257), "v"),
      () => k.credentials.put("n", 5 as unknown as string),
      () => k.credentials.get(7 as unknown as string),
      () => k.credentials.list(null as unknown as string),
    ];
    for (const call of bad) {
      expect(call).toThrow(KernelError);
      try {
        call();
      } catch (e) {
        expect((e as KernelError).code).toBe("invalid_options");
      }
    }
    expect(k.credentials.list()).toEqual([]);
  });

  it("leaves the event log and journal untouched (credentials are not economic operations)", async () => {
    const k = await kernel();
    const events = k.events({ limit: 1000 });
    k.credentials.put("viewer", "hv");
    expect(k.events({ limit: 1000 })).toEqual(events);
    const journal = k.journal();
    expect(journal.success && journal.result.records.length).toBe(0);
  });
});

describe("kernel.onCommit", () => {
  it("is called after a commit, once per burst, and not after unsubscribing", async () => {
    const k = await kernel();
    let calls = 0;
    const off = k.onCommit(() => calls++);
    await listening(k);
    k.createPrincipal("alice", { scrip: 5 });
    k.createPrincipal("bob", { scrip: 5 });
    expect(calls).toBe(0); // never inside or right after the commit, on a later tick
    await until(() => calls >= 1);
    await new Promise((r) => setTimeout(r, 100));
    const seen = calls;
    expect(seen).toBeLessThanOrEqual(2);
    off();
    k.mint("alice", 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(calls).toBe(seen);
  });

  it("is not called for a transaction that rolled back", async () => {
    const k = await kernel();
    k.createPrincipal("alice", { scrip: 5 });
    await new Promise((r) => setTimeout(r, 20));
    let calls = 0;
    k.onCommit(() => calls++);
    await listening(k);
    // Unknown caller: refused up front, nothing committed.
    k.invoke("nobody", "genesis_ledger", "balance", []);
    await new Promise((r) => setTimeout(r, 200));
    expect(calls).toBe(0);
    k.mint("alice", 1); // and the listener does hear the next real commit
    await until(() => calls === 1);
  });
});

describe("credentials in an SQLite file", () => {
  it("survive closing and reopening", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ecology-cred-"));
    try {
      const path = join(dir, "k.db");
      const a = await kernel(path);
      a.credentials.put("operator", "hash");
      a.close();
      const b = await kernel(path);
      expect(b.credentials.get("operator")).toBe("hash");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
