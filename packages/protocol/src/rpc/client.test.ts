import { describe, expect, it } from "vitest";
import { createClient, ProtocolError } from "./client.js";
import { RPC_ERRORS } from "./jsonrpc.js";

type Answer = { status?: number; body: unknown; stream?: string[] };

/** A fetch answering from a script, recording the requests (the server is not under test). */
function scripted(answers: Answer[]) {
  const requests: { url: string; init: RequestInit | undefined }[] = [];
  const fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    requests.push({ url: String(url), init });
    const a = answers.shift();
    if (!a) throw new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED") });
    if (a.stream) {
      const chunks = a.stream.map((c) => new TextEncoder().encode(c));
      const body = new ReadableStream({
        pull(controller) {
          const next = chunks.shift();
          if (next) controller.enqueue(next);
          else controller.close();
        },
      });
      return new Response(body, { status: a.status ?? 200 });
    }
    return new Response(JSON.stringify(a.body), { status: a.status ?? 200 });
  }) as typeof globalThis.fetch;
  return { fetch, requests };
}

const OK = { success: true, result: 40, cost: { price: 0, value: 0, compute: 0 }, events: [] };

describe("createClient", () => {
  it("posts JSON-RPC with the bearer token and answers the server's envelope", async () => {
    const { fetch, requests } = scripted([{ body: { jsonrpc: "2.0", id: 1, result: OK } }]);
    const client = createClient({ url: "http://127.0.0.1:1/", token: "t0", fetch });
    const env = await client.call("balance", { id: "alice" });
    expect(env).toEqual(OK);
    expect(requests[0]?.url).toBe("http://127.0.0.1:1/rpc");
    const headers = requests[0]?.init?.headers as Record<string, string>;
    expect(headers.authorization).toBe("Bearer t0");
    const body = JSON.parse(String(requests[0]?.init?.body));
    expect(body).toMatchObject({ jsonrpc: "2.0", method: "balance", params: { id: "alice" } });
  });

  it("turns a JSON-RPC error into a failure envelope with the code, hint and rpc code", async () => {
    const error = {
      code: RPC_ERRORS.unauthorized,
      message: "missing or unknown token",
      data: { code: "not_authorized", hint: "send a token" },
    };
    const { fetch } = scripted([{ status: 401, body: { jsonrpc: "2.0", id: 1, error } }]);
    const env = await createClient({ url: "http://x", fetch }).call("balances", {});
    expect(env).toEqual({
      success: false,
      error: {
        code: "not_authorized",
        message: "missing or unknown token",
        details: { rpcError: RPC_ERRORS.unauthorized, hint: "send a token" },
      },
    });
  });

  it("answers an unreachable server as an internal failure, never a throw", async () => {
    const { fetch } = scripted([]);
    const env = await createClient({ url: "http://127.0.0.1:9", fetch }).call("balances", {});
    expect(env.success).toBe(false);
    if (!env.success) {
      expect(env.error.code).toBe("internal");
      expect(env.error.message).toContain("ECONNREFUSED");
    }
  });

  it("refuses params nested too deep before sending them", async () => {
    const { fetch, requests } = scripted([]);
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const env = await createClient({ url: "http://x", fetch }).call("invoke", {
      target: "a",
      method: "m",
      args: [deep as never],
    });
    expect(env.success ? "" : env.error.code).toBe("invalid_argument");
    expect(requests).toHaveLength(0);
  });

  it("with validateResults, refuses a result off the protocol", async () => {
    const bad = { ...OK, result: "forty" };
    const { fetch } = scripted([{ body: { jsonrpc: "2.0", id: 1, result: bad } }]);
    const env = await createClient({ url: "http://x", fetch, validateResults: true }).call(
      "balance",
      {},
    );
    expect(env.success ? "" : env.error.message).toBe(
      "balance answered a result off the protocol: result must be integer, got a string",
    );
  });

  it("answers a non-envelope result as an internal failure", async () => {
    const { fetch } = scripted([{ body: { jsonrpc: "2.0", id: 1, result: 40 } }]);
    const env = await createClient({ url: "http://x", fetch }).call("balance", {});
    expect(env.success ? "" : env.error.code).toBe("internal");
  });
});

describe("client.follow", () => {
  it("yields events from the stream", async () => {
    const e1 = { seq: 1, type: "scrip.minted" };
    const e2 = { seq: 2, type: "scrip.minted" };
    const { fetch, requests } = scripted([
      {
        body: null,
        stream: [`: hello\n\ndata: ${JSON.stringify(e1)}\n`, `\ndata: ${JSON.stringify(e2)}\n\n`],
      },
    ]);
    const client = createClient({ url: "http://x", token: "t", fetch });
    const seen: unknown[] = [];
    for await (const e of client.follow({ after: 0, types: ["scrip.minted"] })) seen.push(e);
    expect(seen).toEqual([e1, e2]);
    expect(requests[0]?.url).toBe("http://x/events?after=0&types=scrip.minted");
  });

  it("throws a ProtocolError carrying the server's code and hint when refused", async () => {
    const error = {
      code: RPC_ERRORS.invalidParams,
      message: "bad filter",
      data: { code: "invalid_argument", hint: "types look like a.b" },
    };
    const { fetch } = scripted([{ status: 400, body: { error } }]);
    const iterator = createClient({ url: "http://x", fetch }).follow({})[Symbol.asyncIterator]();
    const thrown = await iterator.next().catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(ProtocolError);
    expect(thrown).toMatchObject({
      code: "invalid_argument",
      hint: "types look like a.b",
      status: 400,
    });
  });

  it("describes a refusal that is not JSON by its status", async () => {
    const { fetch } = scripted([{ status: 401, body: "nope" }]);
    const iterator = createClient({ url: "http://x", fetch }).follow({})[Symbol.asyncIterator]();
    await expect(iterator.next()).rejects.toMatchObject({ code: "not_authorized", status: 401 });
  });
});
