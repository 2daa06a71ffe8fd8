import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ContractCode, createKernel, type KernelEvent } from "@ecology/kernel";
import type { KernelApi } from "../kernel-api.js";
import { createServer, type EcologyServer, type ServerOptions } from "../server.js";

/** A counter contract written by hand (no SDK): `inc(by?)` adds to `state.n` and returns it. */
export const COUNTER: ContractCode = {
  js: "module.exports = { default: { methods: { inc: function (ctx, by) { ctx.state.n = (ctx.state.n || 0) + (by === undefined ? 1 : by); return ctx.state.n; } } } };",
  manifest: {
    methods: [
      {
        name: "inc",
        kind: "method",
        params: [{ name: "by", type: "number", optional: true, schema: { type: "number" } }],
      },
    ],
    reentrant: false,
  },
};

/** {@link COUNTER} with `inc` counting in tens: different code to upgrade an upgradable counter to. */
export const COUNTER_V2: ContractCode = {
  js: COUNTER.js.replace("by === undefined ? 1 : by", "by === undefined ? 10 : by * 10"),
  manifest: COUNTER.manifest,
};

/** A running server on a fresh in-memory kernel with principals alice and bob (100 scrip each). */
export interface Harness {
  server: EcologyServer;
  kernel: KernelApi;
  dir: string;
  operator: string;
  alice: string;
  bob: string;
  /** POSTs a JSON-RPC request; answers the HTTP status and the parsed body (or text). */
  post(body: string, token?: string): Promise<{ status: number; body: unknown }>;
  /** Calls `method` over HTTP and answers the JSON-RPC response body. */
  rpc(token: string | undefined, method: string, params?: unknown): Promise<RpcBody>;
  /** Everything a request could change: balances, total minted and the whole event log. */
  snapshot(): Promise<unknown>;
  close(): Promise<void>;
}

/** A JSON-RPC response body. */
export type RpcBody = {
  id?: unknown;
  result?: unknown;
  error?: { code: number; message: string; data: { code: string; hint?: string } };
};

/** Server options a test may set (the harness picks the kernel, folder and port). */
export type HarnessOptions = Omit<ServerOptions, "kernel" | "dir" | "port">;

/** Starts a {@link Harness}; close it in `afterAll`/`afterEach`. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dir = join(mkdtempSync(join(tmpdir(), "eco-server-")), ".ecology");
  const kernel: KernelApi = await createKernel();
  const server = await createServer({ kernel, dir, port: 0, ...options });
  const operator = server.credentials.operatorToken();
  for (const id of ["alice", "bob"]) {
    await server.dispatcher.call(operator, "createPrincipal", { id, scrip: 100 });
  }
  const alice = server.credentials.tokenFor("alice") ?? "";
  const bob = server.credentials.tokenFor("bob") ?? "";

  async function post(body: string, token?: string) {
    const response = await fetch(`${server.url}/rpc`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body,
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {}
    return { status: response.status, body: parsed };
  }

  async function rpc(token: string | undefined, method: string, params?: unknown) {
    const { body } = await post(JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }), token);
    return body as RpcBody;
  }

  async function snapshot() {
    const events: KernelEvent[] = [];
    let after = 0;
    for (;;) {
      const page = await kernel.events({ after, limit: 1000 });
      if (!page.success) throw new Error(page.error.message);
      events.push(...page.result.events);
      if (page.result.next === null) break;
      after = page.result.next;
    }
    return { balances: await kernel.balances(), minted: await kernel.totalMinted(), events };
  }

  return {
    server,
    kernel,
    dir,
    operator,
    alice,
    bob,
    post,
    rpc,
    snapshot,
    async close() {
      await server.close();
      await kernel.close();
    },
  };
}

/** A contract that counts calls and emits `contract.recorded { tag }`, so a test can tell
 *  exactly which acknowledged invokes are in the log. */
export const RECORDER: ContractCode = {
  js: 'module.exports = { default: { methods: { record: function (ctx, tag) { ctx.state.count = (ctx.state.count || 0) + 1; ctx.emit("recorded", { tag: tag }); return ctx.state.count; } } } };',
  manifest: {
    methods: [
      {
        name: "record",
        kind: "method",
        params: [{ name: "tag", type: "string", schema: { type: "string" } }],
      },
    ],
    reentrant: false,
  },
};
