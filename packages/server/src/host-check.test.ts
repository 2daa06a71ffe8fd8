import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./test-fixtures/harness.js";
import { type RawRequest, rawRequest } from "./test-fixtures/raw-http.js";

let h: Harness;
let lan: Harness;
beforeAll(async () => {
  h = await startHarness();
  lan = await startHarness({ allowedHosts: ["Ecology.LAN", "[fd00::7]"] });
});
afterAll(async () => {
  await h.close();
  await lan.close();
});

const WRITE = JSON.stringify({
  jsonrpc: "2.0",
  id: 7,
  method: "write",
  params: { id: "rebound", content: 1 },
});

function send(on: Harness, r: Omit<RawRequest, "port">) {
  return rawRequest({ port: on.server.port, ...r });
}

/** The three routes a page under DNS rebinding would reach, as alice. */
function routes(on: Harness, host: string, origin?: string) {
  const common = { host, token: on.alice, ...(origin === undefined ? {} : { origin }) };
  return {
    rpc: send(on, { ...common, path: "/rpc", method: "POST", body: WRITE }),
    explorer: send(on, { ...common, path: "/" }),
    events: send(on, { ...common, path: "/events" }),
  };
}

describe("Host check", () => {
  it("accepts the loopback names, with or without a port, in any case", async () => {
    const port = h.server.port;
    for (const host of [
      `127.0.0.1:${port}`,
      "127.0.0.1",
      `localhost:${port}`,
      "LocalHost",
      `[::1]:${port}`,
      "[::1]",
    ]) {
      const r = await send(h, { host, path: "/" });
      expect(r.status, host).toBe(200);
      expect(r.text).toContain("Ecology explorer");
    }
  });

  it("refuses any other Host on every route with 421 and changes nothing", async () => {
    const port = h.server.port;
    for (const host of [
      `evil.example:${port}`,
      `127.0.0.1.evil.example:${port}`,
      `localhost.evil.example:${port}`,
      "0.0.0.0",
      `127.0.0.2:${port}`,
      `[::2]:${port}`,
    ]) {
      const before = await h.snapshot();
      const { rpc, explorer, events } = routes(h, host);
      const answered = await rpc;
      expect(answered.status, host).toBe(421);
      expect(JSON.parse(answered.text)).toMatchObject({
        jsonrpc: "2.0",
        id: null,
        error: { code: -32003, data: { code: "not_authorized", hint: expect.any(String) } },
      });
      const page = await explorer;
      expect(page.status).toBe(421);
      expect(page.text).not.toContain("Ecology explorer");
      expect(JSON.parse(page.text)).toMatchObject({
        error: { code: -32003, data: { code: "not_authorized", hint: expect.any(String) } },
      });
      expect((await events).status).toBe(421);
      expect(await h.snapshot()).toEqual(before);
    }
  });

  it("accepts the names in allowedHosts and still refuses others", async () => {
    const port = lan.server.port;
    const ok = await send(lan, { host: `ecology.lan:${port}`, path: "/" });
    expect(ok.status).toBe(200);
    expect((await send(lan, { host: `[fd00::7]:${port}`, path: "/" })).status).toBe(200);
    expect((await send(lan, { host: `localhost:${port}`, path: "/" })).status).toBe(200);
    expect((await send(lan, { host: `other.lan:${port}`, path: "/" })).status).toBe(421);
  });

  it("accepts the address the server is bound to", async () => {
    const bound = await startHarness({ host: "127.0.0.7" });
    try {
      const r = await rawRequest({
        port: bound.server.port,
        address: "127.0.0.7",
        host: `127.0.0.7:${bound.server.port}`,
        path: "/",
      });
      expect(r.status).toBe(200);
    } finally {
      await bound.close();
    }
  });
});

describe("Origin check", () => {
  it("accepts requests without an Origin and with a loopback Origin", async () => {
    const port = h.server.port;
    const host = `127.0.0.1:${port}`;
    for (const origin of [undefined, `http://127.0.0.1:${port}`, "http://localhost:3000"]) {
      const { rpc, explorer } = routes(h, host, origin);
      expect((await rpc).status, origin).toBe(200);
      expect((await explorer).status).toBe(200);
    }
    await h.rpc(h.alice, "delete", { id: "rebound" });
  });

  it("refuses a foreign or opaque Origin with 403 on every route, changing nothing", async () => {
    const host = `127.0.0.1:${h.server.port}`;
    for (const origin of [
      "http://evil.example",
      `http://evil.example:${h.server.port}`,
      "null",
      "file://",
      "ftp://localhost",
    ]) {
      const before = await h.snapshot();
      const { rpc, explorer, events } = routes(h, host, origin);
      const answered = await rpc;
      expect(answered.status, origin).toBe(403);
      expect(JSON.parse(answered.text)).toMatchObject({
        jsonrpc: "2.0",
        error: { code: -32003, data: { code: "not_authorized" } },
      });
      expect((await explorer).status).toBe(403);
      expect((await events).status).toBe(403);
      expect(await h.snapshot()).toEqual(before);
    }
  });

  it("accepts an Origin on an allowed host name", async () => {
    const port = lan.server.port;
    const r = await send(lan, {
      host: `ecology.lan:${port}`,
      origin: `http://ecology.lan:${port}`,
      path: "/",
    });
    expect(r.status).toBe(200);
  });
});
