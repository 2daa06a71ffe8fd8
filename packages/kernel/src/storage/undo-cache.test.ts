import { describe, expect, it } from "vitest";
import { EventBuffer, type PendingEvent } from "./event-buffer.js";
import { UndoCache, UndoLog } from "./undo-cache.js";

describe("UndoCache", () => {
  it("reverts changes made after a mark, newest first, and keeps earlier ones", () => {
    const log = new UndoLog();
    const cache = new UndoCache<string, number>(log, 10);
    cache.set("a", 1);
    log.active = true;
    const outer = log.mark();
    cache.set("a", 2);
    const inner = log.mark();
    cache.set("a", 3);
    cache.set("b", 9);
    log.rollback(inner);
    expect([cache.get("a"), cache.has("b")]).toEqual([2, false]);
    log.rollback(outer);
    expect(cache.get("a")).toBe(1);
  });

  it("caches what read loads, and forgets it when that read is rolled back", () => {
    const log = new UndoLog();
    log.active = true;
    const cache = new UndoCache<string, number | undefined>(log, 10);
    let loads = 0;
    const load = () => {
      loads++;
      return undefined;
    };
    expect(cache.read("x", load)).toBeUndefined();
    expect(cache.read("x", load)).toBeUndefined();
    expect(loads).toBe(1);
    log.rollback(0);
    expect(cache.has("x")).toBe(false);
  });

  it("records nothing outside a transaction and trims only past its bound", () => {
    const log = new UndoLog();
    const cache = new UndoCache<number, number>(log, 2);
    for (let i = 0; i < 3; i++) cache.set(i, i);
    expect(log.mark()).toBe(0);
    cache.trim();
    expect(cache.has(0)).toBe(false);
  });
});

describe("EventBuffer", () => {
  const event = (seq: number): PendingEvent => ({
    row: { seq, time: 0, tx: "t", type: "x", actor: "a", target: null, data: "{}", hash: "h" },
    subjects: new Map([["a", 1]]),
  });

  it("drops the events of a rolled-back savepoint and writes the rest once", () => {
    const log = new UndoLog();
    log.active = true;
    const written: number[][] = [];
    const buffer = new EventBuffer(log, (events) => written.push(events.map((e) => e.row.seq)));
    buffer.push(event(1));
    const mark = log.mark();
    buffer.push(event(2));
    log.rollback(mark);
    buffer.push(event(3));
    buffer.flush();
    buffer.flush();
    expect(written).toEqual([[1, 3]]);
  });

  it("re-buffers enclosing events that a rolled-back savepoint had flushed", () => {
    const log = new UndoLog();
    log.active = true;
    const written: number[][] = [];
    const buffer = new EventBuffer(log, (events) => written.push(events.map((e) => e.row.seq)));
    buffer.push(event(1));
    const savepoint = log.mark();
    buffer.push(event(2));
    buffer.flush(); // writes 1 and 2 inside the savepoint
    buffer.push(event(3));
    log.rollback(savepoint); // SQLite drops rows 1 and 2; 1 belongs to the enclosing scope
    buffer.flush();
    expect(written).toEqual([[1, 2], [1]]);
    log.rollback(0);
    buffer.flush();
    expect(written).toHaveLength(2);
  });
});
