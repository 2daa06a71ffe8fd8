import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createKernel, type KernelEvent } from "@ecology/kernel";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KernelApi } from "./kernel-api.js";
import { createServer, type EcologyServer } from "./server.js";
import { COUNTER, type Harness, startHarness } from "./test-fixtures/harness.js";

/** An open (or refused) `GET /events` as `token`; resolves once the stream is running. */
async function openStream(url: string, token: string, query = "") {
  const controller = new AbortController();
  const response = await fetch(`${url}/events?${query}`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  let text = "";
  const reader = response.status === 200 ? response.body?.getReader() : undefined;
  if (reader) {
    while (!text.includes(": connected")) {
      const chunk = await reader?.read();
      if (!chunk || chunk.done) break;
      text += new TextDecoder().decode(chunk.value);
    }
  } else {
    text = await response.text();
  }
  return {
    status: response.status,
    get text() {
      return text;
    },
    /** Resolves once `needle` has arrived on the stream. */
    async waitFor(needle: string) {
      while (!text.includes(needle)) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) throw new Error(`stream ended before ${needle}`);
        text += new TextDecoder().decode(chunk.value);
      }
    },
    close: () => controller.abort(),
  };
}

/** Waits (on the server's signal, not a timer) until exactly `n` streams are open. */
async function openStreamsAre(server: EcologyServer, n: number) {
  while (server.streams.open !== n) await server.streams.changed();
}

describe("event stream caps", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ maxStreams: 3, maxStreamsPerToken: 2 });
  });
  afterAll(() => h.close());

  it("refuses the stream over a cap with 429 and accepts again once one closes", async () => {
    const url = h.server.url;
    const first = await openStream(url, h.alice);
    const second = await openStream(url, h.alice);
    expect([first.status, second.status]).toEqual([200, 200]);
    const third = await openStream(url, h.alice);
    expect(third.status).toBe(429);
    expect(JSON.parse(third.text)).toMatchObject({
      error: {
        code: -32029,
        data: { code: "invalid_state", hint: expect.stringContaining("maxStreamsPerToken") },
      },
    });
    const bob = await openStream(url, h.bob);
    expect(bob.status).toBe(200);
    const overall = await openStream(url, h.operator);
    expect(overall.status).toBe(429);
    expect(JSON.parse(overall.text)).toMatchObject({
      error: {
        code: -32029,
        data: { code: "invalid_state", hint: expect.stringContaining("maxStreams") },
      },
    });
    first.close();
    await openStreamsAre(h.server, 2);
    const again = await openStream(url, h.alice);
    expect(again.status).toBe(200);
    for (const s of [second, bob, again]) s.close();
    await openStreamsAre(h.server, 0);
  });
});

describe("event stream fan-out", () => {
  let real: KernelApi;
  let server: EcologyServer;
  let eventReads = 0;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    real = await createKernel();
    // The real kernel, with its `events` reads counted: the cost idle streams put on commits.
    const counting = Object.create(null) as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(real))) {
      const method = (real as unknown as Record<string, unknown>)[name];
      if (typeof method === "function") counting[name] = method.bind(real);
    }
    counting.events = (filter: never) => {
      eventReads++;
      return real.events(filter);
    };
    const dir = join(mkdtempSync(join(tmpdir(), "eco-server-")), ".ecology");
    server = await createServer({
      kernel: counting as unknown as KernelApi,
      dir,
      port: 0,
      maxStreams: 100,
      maxStreamsPerToken: 100,
    });
    const operator = server.credentials.operatorToken();
    for (const id of ["alice", "bob"]) {
      await server.dispatcher.call(operator, "createPrincipal", { id, scrip: 1_000 });
      tokens[id] = server.credentials.tokenFor(id) ?? "";
    }
    await server.dispatcher.call(tokens.alice, "deploy", { id: "counter", code: COUNTER });
  });
  afterAll(async () => {
    await server.close();
    await real.close();
  });

  it("costs commits no log read per idle stream", async () => {
    const alice = tokens.alice ?? "";
    const idle = await Promise.all(
      Array.from({ length: 50 }, () => openStream(server.url, alice, "artifact=nobody_listens")),
    );
    expect(idle.every((s) => s.status === 200)).toBe(true);
    const sentinel = await openStream(server.url, alice);
    const invokes = 20;
    eventReads = 0;
    for (let i = 1; i <= invokes; i++) {
      const out = await server.dispatcher.call(tokens.bob, "invoke", {
        target: "counter",
        method: "inc",
        args: [],
      });
      const seq = (out as { result: { events: KernelEvent[] } }).result.events.at(-1)?.seq;
      // Once the unfiltered sentinel has the event, the shared tail has read it.
      await sentinel.waitFor(`id: ${seq}\n`);
    }
    // One shared read per commit (plus the odd poll); before, one per stream per commit.
    expect(eventReads).toBeLessThanOrEqual(invokes * 2);
    for (const s of [...idle, sentinel]) s.close();
    await openStreamsAre(server, 0);
  });

  it("gives every stream exactly its events, in order, whenever it joined", async () => {
    const filters = [
      "",
      "types=scrip.transferred",
      "principal=bob",
      "artifact=counter",
      "principal=alice&types=artifact.created,scrip.transferred",
    ];
    const pump = async (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const [who, other] = i % 2 === 0 ? ["alice", "bob"] : ["bob", "alice"];
        const transfer = i % 3 === 0;
        await server.dispatcher.call(tokens[who ?? ""], "invoke", {
          target: transfer ? "genesis_ledger" : "counter",
          method: transfer ? "transfer" : "inc",
          args: transfer ? [other, 1] : [],
        });
        if (i % 5 === 0) {
          await server.dispatcher.call(tokens[who ?? ""], "write", { id: `note${i}`, content: i });
        }
      }
    };
    const bob = tokens.bob ?? "";
    const early = await Promise.all(filters.map((q) => openStream(server.url, bob, q)));
    await pump(0, 15);
    const lateQueries = filters.map((q) => `${q}&after=5`);
    const late = await Promise.all(lateQueries.map((q) => openStream(server.url, bob, q)));
    await pump(15, 30);
    const streams = [...early, ...late];
    const queries = [...filters, ...lateQueries];
    for (const [i, stream] of streams.entries()) {
      const params = new URLSearchParams(queries[i]);
      const filter = {
        ...(params.get("types") ? { types: params.get("types")?.split(",") } : {}),
        ...(params.get("principal") ? { principal: params.get("principal") } : {}),
        ...(params.get("artifact") ? { artifact: params.get("artifact") } : {}),
        ...(params.get("after") ? { after: Number(params.get("after")) } : {}),
      };
      const expected = await real.events({ ...(filter as object), limit: 1000 });
      if (!expected.success) throw new Error(expected.error.message);
      const want = expected.result.events.map((e) => e.seq);
      expect(want.length, queries[i]).toBeGreaterThan(0);
      await stream.waitFor(`id: ${want.at(-1)}\n`);
      const got = [...stream.text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
      expect(got, queries[i]).toEqual(want);
      stream.close();
    }
    await openStreamsAre(server, 0);
  });
});
