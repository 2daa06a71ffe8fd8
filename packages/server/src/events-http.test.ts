import { createClient, type KernelEvent } from "@ecology/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./test-fixtures/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

async function take(iterable: AsyncIterable<KernelEvent>, n: number): Promise<KernelEvent[]> {
  const out: KernelEvent[] = [];
  for await (const event of iterable) {
    out.push(event);
    if (out.length === n) break;
  }
  return out;
}

describe("GET /events", () => {
  it("streams the backlog after a sequence, then live events as they commit", async () => {
    const client = createClient({ url: h.server.url, token: h.bob });
    const controller = new AbortController();
    const stream = client.follow(
      { after: 0, types: ["scrip.transferred"] },
      { signal: controller.signal },
    );
    const received = take(stream, 2);
    await h.rpc(h.alice, "invoke", {
      target: "genesis_ledger",
      method: "transfer",
      args: ["bob", 3],
    });
    await h.rpc(h.bob, "invoke", {
      target: "genesis_ledger",
      method: "transfer",
      args: ["alice", 1],
    });
    const events = await received;
    controller.abort();
    expect(events.map((e) => e.data)).toEqual([
      expect.objectContaining({ amount: 3 }),
      expect.objectContaining({ amount: 1 }),
    ]);
    expect(events.every((e) => e.type === "scrip.transferred")).toBe(true);
  });

  it("resumes after Last-Event-ID without repeating or skipping events", async () => {
    const all = await h.kernel.events({ limit: 1000 });
    if (!all.success) throw new Error("events failed");
    const seqs = all.result.events.map((e) => e.seq);
    const middle = seqs[Math.floor(seqs.length / 2)] ?? 0;
    const response = await fetch(`${h.server.url}/events`, {
      headers: { authorization: `Bearer ${h.alice}`, "last-event-id": String(middle) },
    });
    const reader = response.body?.getReader();
    let text = "";
    const expected = seqs.filter((s) => s > middle);
    while (reader && !expected.every((s) => text.includes(`id: ${s}\n`))) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    await reader?.cancel();
    const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    expect(ids).toEqual(expected);
  });

  it("filters by principal and artifact", async () => {
    await h.rpc(h.alice, "write", { id: "note", content: "hi" });
    const client = createClient({ url: h.server.url, token: h.alice });
    const controller = new AbortController();
    const [event] = await take(
      client.follow({ artifact: "note" }, { signal: controller.signal }),
      1,
    );
    controller.abort();
    expect(event).toMatchObject({ type: "artifact.created", actor: "alice" });
  });

  it("refuses a stream without a valid token", async () => {
    const response = await fetch(`${h.server.url}/events`);
    expect(response.status).toBe(401);
    await response.body?.cancel();
  });
});
