import { getEventListeners } from "node:events";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { freshDir, runInProcess } from "./test-fixtures/run.js";
import { openEmbedded } from "./transport.js";

describe("embedded events follow", () => {
  it("keeps one abort listener however many times it polls, and emits no warning", async () => {
    const cwd = freshDir();
    await runInProcess(cwd, "init");
    await runInProcess(cwd, "principal", "create", "ann", "--scrip", "1");
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on("warning", onWarning);
    const transport = await openEmbedded(join(cwd, ".ecology"), { followPollMs: 0 });
    const controller = new AbortController();
    const listeners: number[] = [];
    let polls = 0;
    const call = transport.dispatcher.call.bind(transport.dispatcher);
    transport.dispatcher.call = (token, method, params) => {
      polls++;
      listeners.push(getEventListeners(controller.signal, "abort").length);
      if (polls === 300) controller.abort();
      return call(token, method, params);
    };
    const token = (await import("@ecology/server"))
      .createCredentialStore(join(cwd, ".ecology"))
      .storedOperatorToken();
    const seen: number[] = [];
    for await (const event of transport.follow({}, controller.signal, token)) seen.push(event.seq);
    await transport.close();
    // The warning is emitted on the next tick after the listener that crosses the limit.
    await new Promise<void>((resolve) => setImmediate(resolve));
    process.off("warning", onWarning);
    expect(polls).toBe(300);
    expect(seen).toEqual([1, 2]);
    expect(new Set(listeners.slice(1))).toEqual(new Set([0]));
    expect(warnings.map((w) => w.name)).toEqual([]);
  });
});
