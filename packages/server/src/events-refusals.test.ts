import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createKernel } from "@ecology/kernel";
import { createClient, createSseParser, type KernelEvent, ProtocolError } from "@ecology/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KernelApi } from "./kernel-api.js";
import { createServer, type EcologyServer } from "./server.js";
import { type Harness, startHarness } from "./test-fixtures/harness.js";

/** The first event of a followed stream, or the error that ended (or refused) it. */
async function firstOf(stream: AsyncIterable<KernelEvent>): Promise<KernelEvent | unknown> {
  try {
    for await (const event of stream) return event;
    return "ended without an error";
  } catch (error) {
    return error;
  }
}

describe("event stream refusals", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ maxStreamsPerToken: 0 });
  });
  afterAll(() => h.close());

  it("answers each refusal as { error: RpcError } with its status, read by the one client", async () => {
    const follow = (token: string, filter = {}) =>
      firstOf(createClient({ url: h.server.url, token }).follow(filter));
    const unknown = await follow("nope");
    expect(unknown).toBeInstanceOf(ProtocolError);
    expect(unknown).toMatchObject({ code: "not_authorized", status: 401, hint: /Bearer/ });
    const badFilter = await follow(h.alice, { types: ["NOPE"] });
    expect(badFilter).toMatchObject({ code: "invalid_argument", status: 400, hint: /types=/ });
    expect((badFilter as Error).message).toMatch(/^invalid event filter: filter\.types\[0\] /);
    // maxStreamsPerToken 0: every stream is one too many.
    const tooMany = await follow(h.alice);
    expect(tooMany).toMatchObject({ code: "invalid_state", status: 429, hint: /maxStream/ });
  });
});

describe("an event stream whose read the kernel refuses", () => {
  let real: Awaited<ReturnType<typeof createKernel>>;
  let server: EcologyServer;
  let alice: string;

  beforeAll(async () => {
    real = await createKernel();
    // The real kernel (its methods bound: they use private fields), except that it refuses to
    // read the events of one artifact.
    const kernel = Object.create(null) as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(real))) {
      const method = (real as unknown as Record<string, unknown>)[name];
      if (typeof method === "function") kernel[name] = method.bind(real);
    }
    kernel.events = (filter: { [key: string]: unknown }) =>
      filter.artifact === "sealed"
        ? { success: false, error: { code: "invalid_argument", message: "sealed log" } }
        : real.events(filter as never);
    const dir = join(mkdtempSync(join(tmpdir(), "eco-server-")), ".ecology");
    server = await createServer({ kernel: kernel as unknown as KernelApi, dir, port: 0 });
    await server.dispatcher.call(server.credentials.operatorToken(), "createPrincipal", {
      id: "alice",
    });
    alice = server.credentials.tokenFor("alice") ?? "";
  });
  afterAll(async () => {
    await server.close();
    real.close();
  });

  it("ends with an error message instead of skipping what it could not read", async () => {
    const response = await fetch(`${server.url}/events?artifact=sealed`, {
      headers: { authorization: `Bearer ${alice}` },
    });
    expect(response.status).toBe(200);
    // The body ends: before, the stream skipped the refused page and kept polling forever.
    const messages = createSseParser().feed(await response.text());
    expect(messages).toHaveLength(1);
    expect(messages[0]?.event).toBe("error");
    expect(JSON.parse(messages[0]?.data ?? "")).toMatchObject({
      data: { code: "invalid_argument" },
      message: "event stream ended: sealed log",
    });
    while (server.streams.open > 0) await server.streams.changed();
  });

  it("makes the one client throw the error that ended the stream", async () => {
    const client = createClient({ url: server.url, token: alice });
    const ended = await firstOf(client.follow({ artifact: "sealed" }));
    expect(ended).toBeInstanceOf(ProtocolError);
    expect(ended).toMatchObject({ code: "invalid_argument", message: /sealed log/ });
  });
});
