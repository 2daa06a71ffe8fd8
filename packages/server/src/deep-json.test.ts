import { createClient, envelopeOf } from "@ecology/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COUNTER, type Harness, startHarness } from "./test-fixtures/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.rpc(h.alice, "deploy", { id: "counter", code: COUNTER });
});
afterAll(() => h.close());

/** `depth` nested arrays (`[[[...]]]`) as JSON text, built without recursion. */
const deepArray = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
/** `depth` nested objects (`{"a":{"a":...}}`) as JSON text. */
const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;

function request(method: string, params: string): string {
  return `{"jsonrpc":"2.0","id":9,"method":"${method}","params":${params}}`;
}

describe("deeply nested JSON bodies", () => {
  it.each([2_000, 10_000, 100_000])(
    "refuses %i levels with invalid_argument before dispatch, changing nothing",
    async (depth) => {
      const bodies = [
        request("invoke", `{"target":"counter","method":"inc","args":[${deepArray(depth)}]}`),
        request("write", `{"id":"deep","content":${deepObject(depth)}}`),
        request("deploy", `{"code":${deepObject(depth)}}`),
        deepArray(depth),
      ];
      for (const body of bodies) {
        const before = await h.snapshot();
        const r = await h.post(body, h.alice);
        expect(r.status).toBe(400);
        expect(r.body).toMatchObject({
          jsonrpc: "2.0",
          error: { code: -32600, data: { code: "invalid_argument" } },
        });
        expect((r.body as { error: { message: string } }).error.message).toContain("nested");
        expect(await h.snapshot()).toEqual(before);
      }
    },
  );

  it("lets shallow nesting through to the kernel, which answers with its own envelope", async () => {
    const shallow = await h.post(
      request("invoke", `{"target":"counter","method":"inc","args":[${deepArray(40)}]}`),
      h.alice,
    );
    expect(shallow.status).toBe(200);
    expect(shallow.body).toMatchObject({ result: { success: false } });
    const kernelLimit = await h.post(
      request("write", `{"id":"deepish","content":${deepObject(80)}}`),
      h.alice,
    );
    expect(kernelLimit.body).toMatchObject({
      result: { success: false, error: { code: "invalid_argument" } },
    });
  });

  it("does not count brackets inside strings", async () => {
    const text = JSON.stringify("[{".repeat(5_000));
    const r = await h.post(request("write", `{"id":"brackets","content":${text}}`), h.alice);
    expect(r.body).toMatchObject({ result: { success: true } });
  });

  it("refuses deep params given as values, embedded and through the client alike", async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const params = { id: "deep", content: deep };
    const before = await h.snapshot();
    const embedded = await h.server.dispatcher.call(h.alice, "write", params);
    expect(embedded).toMatchObject({
      ok: false,
      error: { code: -32602, data: { code: "invalid_argument" } },
    });
    // The client would overflow in JSON.stringify; it answers what the dispatcher would.
    const client = createClient({ url: h.server.url, token: h.alice });
    expect(await client.call("write", params as never)).toEqual(envelopeOf(embedded));
    expect(await h.snapshot()).toEqual(before);
  });
});
