import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createKernel } from "@ecology/kernel";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app.js";
import { createCredentialStore } from "./credentials.js";
import { createDispatcher, type Dispatcher } from "./dispatcher.js";
import type { KernelApi } from "./kernel-api.js";
import { createServer, type EcologyServer } from "./server.js";

/** A stack frame as V8 prints it, or a source path: neither may reach a client. */
const LEAK = /\n\s+at |\.ts:\d+|node_modules|\/work\//;

function recurse(n: number): number {
  return n <= 0 ? 0 : 1 + recurse(n - 1);
}

let real: KernelApi;
let kernel: KernelApi;
let server: EcologyServer;
let operator: string;

beforeAll(async () => {
  real = await createKernel();
  // The kernel is real; only three views are made to throw as a kernel bug would (ADR 0002).
  kernel = Object.assign(Object.create(real) as KernelApi, {
    // onCommit reads the kernel's private state, which a prototype view cannot reach.
    onCommit: (listener: () => void) => real.onCommit?.(listener) ?? (() => {}),
    balances: () => {
      throw new Error("boom in balances");
    },
    totalMinted: () => recurse(1e7),
    verifyLog: () => {
      throw "a thrown string";
    },
  });
  const dir = join(mkdtempSync(join(tmpdir(), "eco-server-")), ".ecology");
  server = await createServer({ kernel, dir, port: 0 });
  operator = server.credentials.operatorToken();
});
afterAll(async () => {
  await server.close();
  await real.close();
});

async function call(method: string) {
  const response = await fetch(`${server.url}/rpc`, {
    method: "POST",
    headers: { authorization: `Bearer ${operator}` },
    body: JSON.stringify({ jsonrpc: "2.0", id: 3, method, params: {} }),
  });
  return { status: response.status, text: await response.text() };
}

describe("a handler that throws", () => {
  it.each([
    ["balances", "boom in balances"],
    ["totalMinted", "Maximum call stack size exceeded"],
    ["verifyLog", "a thrown string"],
  ])("answers %s as a coded JSON-RPC internal error without a stack", async (method, why) => {
    const r = await call(method);
    expect(r.status).toBe(500);
    expect(JSON.parse(r.text)).toMatchObject({
      jsonrpc: "2.0",
      id: 3,
      error: { code: -32603, message: expect.stringContaining(why), data: { code: "internal" } },
    });
    expect(r.text).not.toMatch(LEAK);
  });

  it("keeps serving after it", async () => {
    const r = await call("whoami");
    expect(JSON.parse(r.text)).toMatchObject({ result: { result: { kind: "operator" } } });
  });
});

describe("an exception outside the dispatcher", () => {
  const throwing: Dispatcher = {
    ...createDispatcher({
      kernel: {} as KernelApi,
      credentials: createCredentialStore(mkdtempSync(join(tmpdir(), "eco-"))),
    }),
    call: () => Promise.reject(new Error("dispatcher bug")),
    authenticate: () => {
      throw new Error("credential store bug");
    },
  };
  const app = createApp({ dispatcher: throwing });

  it("is answered on /rpc as a JSON-RPC internal error, with no stack", async () => {
    const response = await app.request("/rpc", {
      method: "POST",
      body: '{"jsonrpc":"2.0","id":1,"method":"whoami"}',
    });
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(JSON.parse(text)).toMatchObject({
      jsonrpc: "2.0",
      id: null,
      error: { code: -32603, data: { code: "internal" } },
    });
    expect(text).not.toMatch(LEAK);
  });

  it("is answered elsewhere with the coded error shape, with no stack", async () => {
    const response = await app.request("/events");
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(JSON.parse(text)).toMatchObject({ error: { code: -32603, data: { code: "internal" } } });
    expect(text).not.toMatch(LEAK);
  });
});
