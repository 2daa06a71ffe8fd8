import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it, vi } from "vitest";
import { BackgroundCheckpointer } from "./checkpointer.js";
import { openSqliteStorage } from "./sqlite.js";
import type { SqliteStorage } from "./sqlite-storage.js";

const dir = mkdtempSync(join(tmpdir(), "ecology-checkpoint-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A file storage with `n` committed balance writes. */
function storageWithCommits(name: string, n: number): SqliteStorage {
  const s = openSqliteStorage(join(dir, name)) as SqliteStorage;
  s.atomic(
    () => s.insertPrincipal("alice", 0),
    () => true,
  );
  for (let i = 1; i <= n; i++) {
    s.atomic(
      () => s.setBalance("alice", i),
      () => true,
    );
  }
  return s;
}

const WAIT = { timeout: 20_000, interval: 20 };

describe("the background checkpointer (ADR 0045)", () => {
  it("copies the WAL back in its worker thread, not on the kernel's", async () => {
    const s = storageWithCommits("worker.db", 50);
    expect(s.checkpoints).toMatchObject({ requested: 0, completed: 0 });
    await vi.waitFor(() => expect(s.checkpoints?.completed).toBe(1), WAIT);
    expect(s.checkpoints).toMatchObject({ requested: 1, inline: 0 });
    expect(s.checkpoints?.error).toBeUndefined();
    const last = s.checkpoints?.last;
    expect(last?.log).toBeGreaterThan(0);
    expect(last?.checkpointed).toBe(last?.log);
    s.close();
  });

  it("is not mistaken for another connection's commit, which would drop the kernel's caches", async () => {
    const s = storageWithCommits("version.db", 5);
    // `data_version` is what the storage's staleness check asks, per connection: it changes
    // when another connection commits. Asked here from a third connection, before and after.
    const probe = new Database(join(dir, "version.db"));
    const before = probe.pragma("data_version", { simple: true });
    await vi.waitFor(() => expect(s.checkpoints?.completed).toBe(1), WAIT);
    expect(probe.pragma("data_version", { simple: true })).toBe(before);
    // The control: a commit by another connection does change it.
    s.atomic(
      () => s.setBalance("alice", 99),
      () => true,
    );
    expect(probe.pragma("data_version", { simple: true })).not.toBe(before);
    probe.close();
    s.close();
  });

  it("closes with the kernel: the WAL is gone when close returns, and the file reopens whole", async () => {
    const file = join(dir, "reopen.db");
    const s = storageWithCommits("reopen.db", 200);
    await vi.waitFor(() => expect(s.checkpoints?.completed).toBe(1), WAIT);
    s.close();
    // The worker closed first, so the kernel's connection made the final checkpoint.
    expect(existsSync(`${file}-wal`)).toBe(false);
    const again = openSqliteStorage(file);
    expect(again.getBalance("alice")).toBe(200);
    again.close();
  });

  it("runs checkpoints inline when its worker cannot start", async () => {
    let inline = 0;
    const missing = new URL("./no-such-checkpoint-worker.js", import.meta.url);
    const c = new BackgroundCheckpointer(join(dir, "none.db"), "NORMAL", () => inline++, missing);
    c.request();
    await vi.waitFor(() => expect(inline).toBe(1), WAIT);
    expect(c.stats.error).toMatch(/no-such-checkpoint-worker|Cannot find/);
    c.request();
    expect(inline).toBe(2); // no more workers: straight to the fallback
    expect(c.stats).toMatchObject({ requested: 2, inline: 2, completed: 0 });
    c.close();
  });

  it("runs checkpoints inline when the worker cannot open the file", async () => {
    let inline = 0;
    const c = new BackgroundCheckpointer(join(dir, "absent", "x.db"), "NORMAL", () => inline++);
    c.request();
    await vi.waitFor(() => expect(inline).toBe(1), WAIT);
    expect(c.stats.error).toMatch(/directory does not exist|unable to open/);
    c.close();
  });

  it("never starts a worker for a storage in memory", () => {
    const s = openSqliteStorage(":memory:") as SqliteStorage;
    expect(s.checkpoints).toBeUndefined();
    s.close();
  });
});
