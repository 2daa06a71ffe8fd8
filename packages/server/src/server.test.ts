import { createServer as createNetServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer } from "./server.js";
import { ServerError } from "./server-error.js";
import { COUNTER, type Harness, startHarness } from "./test-fixtures/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe("createServer", () => {
  it("serves invoke as JSON-RPC and answers the kernel's envelope", async () => {
    const deployed = await h.rpc(h.alice, "deploy", {
      id: "c1",
      code: COUNTER,
      policy: { invokePrice: 3 },
    });
    expect(deployed.result).toMatchObject({ success: true, result: { id: "c1" } });
    const r = await h.rpc(h.bob, "invoke", { target: "c1", method: "inc", args: [5] });
    expect(r).toMatchObject({ id: 1, result: { success: true, result: 5, cost: { price: 3 } } });
    expect(await h.kernel.balance("bob")).toBe(97);
  });

  it("applies concurrent requests one at a time, in arrival order", async () => {
    await h.rpc(h.alice, "deploy", { id: "c2", code: COUNTER });
    const results = await Promise.all(
      Array.from({ length: 40 }, () =>
        h.rpc(h.bob, "invoke", { target: "c2", method: "inc", args: [] }),
      ),
    );
    const values = results
      .map((r) => (r.result as { result: number }).result)
      .sort((a, b) => a - b);
    expect(values).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it("answers failures of the call as failure envelopes, not JSON-RPC errors", async () => {
    const r = await h.rpc(h.bob, "invoke", { target: "nowhere", method: "x", args: [] });
    expect(r.result).toMatchObject({ success: false, error: { code: "not_found" } });
  });

  it("answers unknown methods and bad params with JSON-RPC errors and hints", async () => {
    expect((await h.rpc(h.bob, "transfer", {})).error).toMatchObject({
      code: -32601,
      data: { code: "unknown_method" },
    });
    const bad = await h.rpc(h.bob, "invoke", { target: "c1", method: "inc", value: -1 });
    expect(bad.error).toMatchObject({ code: -32602, data: { code: "invalid_argument" } });
    expect(bad.error?.message).toContain("value");
  });

  it("lets the operator create principals, whose tokens then work", async () => {
    const created = await h.rpc(h.operator, "createPrincipal", { id: "carol", scrip: 7 });
    expect(created.result).toMatchObject({ success: true });
    const token = h.server.credentials.tokenFor("carol");
    expect((await h.rpc(token, "balance", {})).result).toMatchObject({ success: true, result: 7 });
  });

  it("does not issue a token when the kernel refuses the principal", async () => {
    const again = await h.rpc(h.operator, "createPrincipal", { id: "alice" });
    expect(again.result).toMatchObject({ success: false, error: { code: "conflict" } });
    expect(h.server.credentials.authenticate(h.alice)).toEqual({ kind: "principal", id: "alice" });
  });

  it("serves the explorer page at /", async () => {
    const page = await fetch(`${h.server.url}/`);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain("Ecology explorer");
  });

  it("says clearly that the port is taken", async () => {
    const blocker = createNetServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as { port: number }).port;
    const attempt = createServer({ kernel: h.kernel, dir: h.dir, port });
    await expect(attempt).rejects.toThrow(ServerError);
    await expect(attempt).rejects.toMatchObject({ code: "port_in_use" });
    await expect(attempt).rejects.toThrow(`port ${port}`);
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
  });
});

describe("createServer keep-alive", () => {
  it("keeps idle connections for a minute so long-lived clients do not race a close", async () => {
    const response = await fetch(`${h.server.url}/`);
    await response.text();
    expect(response.headers.get("keep-alive")).toBe("timeout=65");
  });
});
