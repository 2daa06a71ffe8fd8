import { mkdtempSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createKernel, type Kernel } from "@ecology/kernel";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { KernelApi } from "./kernel-api.js";
import { createServer, type EcologyServer } from "./server.js";
import { COUNTER } from "./test-fixtures/harness.js";

// `ecology dev` closes its kernel as soon as `server.close()` resolves (Ctrl-C). A request the
// kernel applied must then have been answered: a client that sees its connection drop cannot
// tell whether its invoke happened, and one queued behind it must not reach a closed kernel.

const CLIENTS = 6;
/** How long each invoke holds the kernel's thread, so that requests queue up behind it. */
const HOLD_MS = 15;

interface Opened {
  kernel: Kernel;
  server: EcologyServer;
  tokens: string[];
  /** Invokes the kernel has started so far. */
  started: () => number;
  /** Resolves when the kernel has started `n` invokes. */
  startedAtLeast: (n: number) => Promise<void>;
}

async function open(): Promise<Opened> {
  const kernel = await createKernel();
  kernel.createPrincipal("owner", { scrip: 0 });
  expect(kernel.deploy("owner", { id: "counter", code: COUNTER }).success).toBe(true);
  let started = 0;
  const waiting: { n: number; resolve: () => void }[] = [];
  // The real kernel, whose invokes each take HOLD_MS longer (a busy wait, as a slow contract).
  const slow = new Proxy(kernel, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      if (key !== "invoke") return typeof value === "function" ? value.bind(target) : value;
      return (...args: Parameters<Kernel["invoke"]>) => {
        started++;
        for (const w of waiting) if (started >= w.n) w.resolve();
        const until = performance.now() + HOLD_MS;
        while (performance.now() < until) {}
        return kernel.invoke(...args);
      };
    },
  }) as unknown as KernelApi;
  const dir = join(mkdtempSync(join(tmpdir(), "eco-rpc-close-")), ".ecology");
  const server = await createServer({ kernel: slow, dir, port: 0 });
  const operator = server.credentials.operatorToken();
  const tokens: string[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    await server.dispatcher.call(operator, "createPrincipal", { id: `c${i}`, scrip: 10 });
    tokens.push(server.credentials.tokenFor(`c${i}`) ?? "");
  }
  return {
    kernel,
    server,
    tokens,
    started: () => started,
    startedAtLeast: (n) =>
      started >= n ? Promise.resolve() : new Promise((resolve) => waiting.push({ n, resolve })),
  };
}

/** One `counter.inc` over HTTP: true on a success envelope, false if the request failed. */
async function inc(server: EcologyServer, token: string): Promise<boolean> {
  try {
    const response = await fetch(`${server.url}/rpc`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "invoke",
        params: { target: "counter", method: "inc", args: [] },
      }),
    });
    const body = (await response.json()) as { result?: { success?: boolean } };
    return body.result?.success === true;
  } catch {
    return false;
  }
}

/** The counter's committed value. */
function committed(kernel: Kernel): number {
  const envelope = kernel.read("owner", "counter");
  if (!envelope.success) throw new Error(envelope.error.message);
  return ((envelope.result as { state?: { n?: number } }).state?.n ?? 0) as number;
}

describe("closing a server while invokes are in flight, then its kernel", () => {
  const failures: unknown[] = [];
  beforeEach(() => {
    failures.length = 0;
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => failures.push(args));
  });
  afterEach(() => vi.restoreAllMocks());

  it("answers every request the kernel applied before close resolves", async () => {
    const { kernel, server, tokens, started, startedAtLeast } = await open();
    const answers = tokens.map((token) => inc(server, token));
    await startedAtLeast(2);
    await server.close();
    const applied = committed(kernel);
    const inFlightAtClose = started();
    kernel.close();
    const succeeded = (await Promise.all(answers)).filter(Boolean).length;
    // Every invoke the kernel applied was answered as a success, and nothing ran after close.
    expect(succeeded).toBe(applied);
    expect(started()).toBe(inFlightAtClose);
    expect(applied).toBeGreaterThanOrEqual(2);
    expect(failures).toEqual([]);
  });

  it("does not wait forever for a request whose body never comes", async () => {
    const { kernel, server } = await open();
    const socket = connect(server.port, "127.0.0.1");
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    // Headers promising a body, then one byte of it and silence.
    socket.write(
      `POST /rpc HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{`,
    );
    const dropped = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    await vi.waitFor(() => expect(server.requests.count).toBe(1), { timeout: 5_000 });
    await server.close();
    await dropped;
    kernel.close();
    expect(failures).toEqual([]);
  }, 30_000);
});
