import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { KernelError } from "../kernel-error.js";
import { MIGRATIONS } from "./migrations.js";
import { openSqliteStorage } from "./sqlite.js";
import type { SqliteStorage } from "./sqlite-storage.js";
import type { Storage } from "./storage.js";

const dir = mkdtempSync(join(tmpdir(), "ecology-storage-"));

/** Runs `body` (then `more`, if given) as a nested atomic scope that is kept or undone. */
function scope(s: Storage, kept: boolean, body: () => void, more?: () => void): void {
  s.atomic(
    () => {
      body();
      more?.();
      return kept;
    },
    (k) => k,
  );
}
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("sqlite storage", () => {
  it("migrates a new file in WAL mode and records the schema version", () => {
    const file = join(dir, "new.db");
    openSqliteStorage(file).close();
    const db = new Database(file);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.prepare("SELECT MAX(version) AS v FROM schema_version").get()).toEqual({
      v: MIGRATIONS.at(-1)?.version,
    });
    db.close();
  });

  it("reopens without re-running migrations and keeps data", () => {
    const file = join(dir, "reopen.db");
    const s = openSqliteStorage(file);
    s.atomic(
      () => s.setMeta("k", "v"),
      () => true,
    );
    s.close();
    const again = openSqliteStorage(file);
    expect(again.getMeta("k")).toBe("v");
    again.close();
  });

  it("refuses a database from a newer kernel", () => {
    const file = join(dir, "future.db");
    openSqliteStorage(file).close();
    const db = new Database(file);
    db.prepare("INSERT INTO schema_version (version) VALUES (999)").run();
    db.close();
    expect(() => openSqliteStorage(file)).toThrow(KernelError);
  });

  it("rolls back a savepoint without touching the enclosing transaction", () => {
    const s = openSqliteStorage(":memory:");
    s.atomic(
      () => {
        s.setBalance("a", 1);
        s.atomic(
          () => {
            s.setBalance("a", 2);
            s.atomic(
              () => s.setBalance("b", 9),
              () => true,
            );
            return false;
          },
          (kept) => kept,
        );
        s.atomic(
          () => s.setBalance("c", 3),
          () => true,
        );
      },
      () => true,
    );
    expect(s.allBalances()).toEqual([
      ["a", 1],
      ["c", 3],
    ]);
    expect(() =>
      s.atomic(
        () => {
          s.setBalance("d", 4);
          throw new Error("boom");
        },
        () => true,
      ),
    ).toThrow("boom");
    expect(s.getBalance("d")).toBe(0);
    expect(s.inTransaction()).toBe(false);
    s.close();
  });

  it("commits exactly the kept savepoints, also those left for the commit to release", () => {
    const s = openSqliteStorage(":memory:");
    const keep = (kept: boolean) => kept;
    const write = (id: string, amount: number, kept: boolean) =>
      s.atomic(() => {
        s.setBalance(id, amount);
        return kept;
      }, keep);
    s.atomic(() => {
      write("a", 1, true); // directly in the transaction: left for the commit
      write("b", 2, false); // releases a's savepoint first, then rolls back to its own
      s.setBalance("c", 3);
      s.atomic(() => {
        write("d", 4, true); // nested deeper: released at once
        write("e", 5, false);
        return true;
      }, keep);
      write("f", 6, false);
      return true;
    }, keep);
    // Read back from the bytes SQLite holds, not from the storage's caches.
    const committed = openSqliteStorage(s.serialize());
    const expected = [
      ["a", 1],
      ["c", 3],
      ["d", 4],
    ];
    expect(committed.allBalances()).toEqual(expected);
    // A rolled-back transaction takes its finished savepoints with it.
    s.atomic(() => {
      write("g", 7, true);
      return false;
    }, keep);
    expect(s.getBalance("g")).toBe(0);
    expect(openSqliteStorage(s.serialize()).allBalances()).toEqual(expected);
    expect(s.inTransaction()).toBe(false);
    write("h", 8, true);
    expect(openSqliteStorage(s.serialize()).getBalance("h")).toBe(8);
    s.close();
  });

  it("undoes a savepoint opened before any write exactly, in memory and in a file", () => {
    /** Scenarios of one transaction, and the balances each must commit. */
    const scenarios: [string, (s: Storage) => void, [string, number][]][] = [
      [
        "first scope fails, later writes stay",
        (s) => {
          scope(
            s,
            false,
            () => scope(s, true, () => s.setBalance("deep", 1)),
            () => s.setBalance("a", 1),
          );
          s.setBalance("after", 2);
        },
        [["after", 2]],
      ],
      [
        "first scope kept, second fails",
        (s) => {
          scope(s, true, () => s.setBalance("a", 1));
          scope(s, false, () => s.setBalance("b", 2));
          s.setMeta("m", "1");
        },
        [["a", 1]],
      ],
      [
        "a read first, then a failing scope, then a kept one",
        (s) => {
          s.getBalance("a");
          scope(s, false, () => s.setBalance("a", 5));
          scope(s, true, () => s.setBalance("c", 3));
        },
        [["c", 3]],
      ],
      [
        "a write first: the scope is a real savepoint",
        (s) => {
          s.setBalance("w", 1);
          scope(s, false, () => s.setBalance("x", 1));
        },
        [["w", 1]],
      ],
    ];
    for (const [name, run, expected] of scenarios) {
      for (const where of [":memory:", join(dir, `alias-${expected.length}-${name.length}.db`)]) {
        const s = openSqliteStorage(where);
        s.atomic(
          () => run(s),
          () => true,
        );
        // What SQLite committed, read through a fresh storage (no caches).
        const fresh =
          where === ":memory:" ? openSqliteStorage(s.serialize()) : openSqliteStorage(where);
        expect([name, where, fresh.allBalances()]).toEqual([name, where, expected]);
        expect(s.inTransaction()).toBe(false);
        fresh.close();
        s.close();
      }
    }
  });

  it("prepares as many savepoint statements as the nesting is deep, not one per savepoint", () => {
    const s = openSqliteStorage(":memory:") as SqliteStorage;
    const nest = (depth: number): void => {
      s.atomic(
        () => {
          s.setBalance(`d${depth}`, depth);
          if (depth < 4) nest(depth + 1);
          return depth !== 3;
        },
        (kept) => kept,
      );
    };
    s.atomic(
      () => {
        for (let i = 0; i < 2_000; i++) nest(1);
      },
      () => true,
    );
    const prepared = s.preparedStatements;
    s.atomic(
      () => {
        for (let i = 0; i < 2_000; i++) nest(1);
      },
      () => true,
    );
    expect(s.preparedStatements).toBe(prepared);
    expect(prepared).toBeLessThan(30);
    expect(s.allBalances()).toEqual([
      ["d1", 1],
      ["d2", 2],
    ]);
    s.close();
  });

  it("serializes and reopens from bytes", () => {
    const s = openSqliteStorage(":memory:");
    s.atomic(
      () => s.setBalance("a", 5),
      () => true,
    );
    const copy = openSqliteStorage(s.serialize());
    expect(copy.getBalance("a")).toBe(5);
    copy.close();
    s.close();
  });
});
