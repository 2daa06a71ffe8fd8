import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createKernel } from "@ecology/kernel";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCredentialStore } from "./credentials.js";
import { createDispatcher, type Dispatcher } from "./dispatcher.js";
import { createEventTail } from "./event-tail.js";
import type { KernelApi } from "./kernel-api.js";

let kernel: KernelApi;
let dispatcher: Dispatcher;
let alice: string;

beforeEach(async () => {
  kernel = await createKernel();
  const credentials = createCredentialStore(mkdtempSync(join(tmpdir(), "eco-tail-")));
  dispatcher = createDispatcher({ kernel, credentials });
  await dispatcher.call(credentials.operatorToken(), "createPrincipal", { id: "alice" });
  alice = credentials.tokenFor("alice") ?? "";
});
afterEach(() => kernel.close());

const write = (id: string) => dispatcher.call(alice, "write", { id, content: 1 });

describe("createEventTail", () => {
  it("starts at the end of the log and hands each new event over once", async () => {
    for (let i = 0; i < 9; i++) await write(`old${i}`);
    const tail = createEventTail({ dispatcher, pollMs: 60_000, maxPending: 100 });
    const sub = tail.subscribe();
    const before = await kernel.events({ limit: 1000 });
    const last = before.success ? (before.result.events.at(-1)?.seq ?? 0) : 0;
    await write("fresh");
    const { events, overflowed } = await sub.take(60_000);
    expect(overflowed).toBe(false);
    expect(events.map((e) => e.event.seq)).toEqual([last + 1]);
    expect(JSON.parse(events[0]?.text ?? "")).toEqual(events[0]?.event);
    expect(tail.head).toBe(last + 1);
    sub.close();
  });

  it("keeps and wakes for only the events a subscriber may be concerned by", async () => {
    const tail = createEventTail({ dispatcher, pollMs: 60_000, maxPending: 100 });
    const picky = tail.subscribe((e) => e.event.target === "wanted");
    const all = tail.subscribe();
    await write("ignored");
    expect((await all.take(60_000)).events.map((e) => e.event.target)).toEqual(["ignored"]);
    await write("wanted");
    expect((await all.take(60_000)).events.map((e) => e.event.target)).toEqual(["wanted"]);
    expect((await picky.take(60_000)).events.map((e) => e.event.target)).toEqual(["wanted"]);
    picky.close();
    all.close();
  });

  it("drops what a subscription cannot keep and says so", async () => {
    const tail = createEventTail({ dispatcher, pollMs: 60_000, maxPending: 3 });
    const sub = tail.subscribe();
    // Five writes queued at once: the tail reads them in one go, more than the 3 kept.
    await Promise.all([1, 2, 3, 4, 5].map((i) => write(`w${i}`)));
    const delivery = await sub.take(60_000);
    expect(delivery).toEqual({ events: [], overflowed: true });
    await write("after");
    const next = await sub.take(60_000);
    expect(next.overflowed).toBe(false);
    expect(next.events.map((e) => e.event.target)).toEqual(["after"]);
    sub.close();
  });
});
