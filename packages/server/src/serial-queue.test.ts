import { describe, expect, it } from "vitest";
import { createSerialQueue } from "./serial-queue.js";

describe("createSerialQueue", () => {
  it("runs tasks one at a time in the order they were queued", async () => {
    const queue = createSerialQueue();
    const log: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = queue.run(async () => {
      log.push("first:start");
      await gate;
      log.push("first:end");
    });
    const second = queue.run(() => log.push("second"));
    release();
    await Promise.all([first, second]);
    expect(log).toEqual(["first:start", "first:end", "second"]);
  });

  it("keeps going after a task fails", async () => {
    const queue = createSerialQueue();
    await expect(queue.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(queue.run(() => 7)).resolves.toBe(7);
  });
});
