import { createKernel, type Kernel, type KernelEvent } from "@ecology/kernel";
import type { EventFilter, EventPage } from "@ecology/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { headSeq, newestEvents } from "./events-window.js";

let kernel: Kernel;
let all: KernelEvent[];
let reads = 0;

/** The `events` RPC of a real kernel, counted. */
async function read(filter: EventFilter): Promise<EventPage> {
  reads++;
  const page = await kernel.events(filter as never);
  if (!page.success) throw new Error(page.error.message);
  return page.result;
}

beforeAll(async () => {
  kernel = await createKernel();
  for (const id of ["alice", "bob", "carol"]) await kernel.createPrincipal(id, { scrip: 1000 });
  for (let i = 0; i < 700; i++) {
    const who = i % 7 === 0 ? "carol" : i % 2 === 0 ? "alice" : "bob";
    await kernel.write(who, `note_${i}`, { i });
    if (i % 50 === 0) await kernel.mint("bob", 1);
  }
  all = [];
  for (let after = 0; ; ) {
    const page = await read({ after, limit: 1000 });
    all.push(...page.events);
    if (page.next === null) break;
    after = page.next;
  }
});
afterAll(() => kernel.close());

describe("reading the log newest first", () => {
  it("finds the head in a logarithmic number of one-event reads", async () => {
    reads = 0;
    expect(await headSeq(read)).toBe(all.length);
    expect(reads).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(all.length)) + 2);
    const empty = await createKernel();
    const head = await headSeq(async (f) => {
      const page = await empty.events(f as never);
      if (!page.success) throw new Error(page.error.message);
      return page.result;
    });
    expect(head).toBe(0);
    await empty.close();
  });

  it("gives the same pages as filtering the whole log, for dense and sparse filters", async () => {
    const cases: [EventFilter, (e: KernelEvent) => boolean][] = [
      [{}, () => true],
      [{ principal: "carol" }, (e) => JSON.stringify(e).includes('"carol"')],
      [{ types: ["scrip.minted"] }, (e) => e.type === "scrip.minted"],
      [{ artifact: "note_350" }, (e) => e.target === "note_350"],
    ];
    for (const [filter, matches] of cases) {
      const expected = all.filter(matches).reverse();
      let before = all.length + 1;
      const seen: KernelEvent[] = [];
      for (let pages = 0; pages < 100; pages++) {
        const page = await newestEvents(read, filter, before, 50);
        seen.push(...page.events);
        if (page.older === null) break;
        before = page.older;
      }
      expect(
        seen.map((e) => e.seq),
        JSON.stringify(filter),
      ).toEqual(expected.map((e) => e.seq));
    }
  });
});
