import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createKernel, type Kernel } from "@ecology/kernel";
import { compileContract } from "@ecology/sdk/compiler";
import { createCredentialStore, createServer, type EcologyServer } from "@ecology/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKernelRpc } from "./kernel-rpc.js";
import { type KernelSession, openKernelSession } from "./kernel-session.js";
import type { KernelEvent } from "./kernel-types.js";

const counterFile = fileURLToPath(new URL("../test-fixtures/counter.ts", import.meta.url));

let workspace: string;
let kernel: Kernel;
let server: EcologyServer;
let session: KernelSession;

beforeAll(async () => {
  workspace = mkdtempSync(join(tmpdir(), "ecology-vscode-session-"));
  const dir = join(workspace, ".ecology");
  createCredentialStore(dir).operatorToken();
  kernel = await createKernel({ storage: join(dir, "kernel.db") });
  server = await createServer({ kernel, dir, port: 0 });
  const opened = await openKernelSession({
    url: server.url,
    workspace,
    principal: "dev",
    scrip: 500,
  });
  if (!opened.ok) throw new Error(opened.message);
  session = opened.value;
  const compiled = await compileContract(counterFile);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
  const token = createCredentialStore(dir).tokenFor("dev");
  const deployed = await fetch(`${server.url}/rpc`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
    body: JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "deploy",
      params: { id: "counter", code: compiled.code },
    }),
  });
  expect(((await deployed.json()) as { result: { success: boolean } }).result.success).toBe(true);
});

afterAll(async () => {
  session?.close();
  await server?.close();
  await kernel?.close();
  rmSync(workspace, { recursive: true, force: true });
});

function nextEvent(type: string): Promise<KernelEvent> {
  const seen = session.events.find((e) => e.type === type);
  if (seen) return Promise.resolve(seen);
  return new Promise((resolve) => {
    const off = session.onChange((event) => {
      if (event.type !== type) return;
      off();
      resolve(event);
    });
  });
}

describe("openKernelSession", () => {
  it("creates the principal with its scrip when it has no token yet", async () => {
    const balances = await session.balances();
    expect(balances).toMatchObject({ ok: true, value: { dev: 500 } });
  });

  it("refuses a workspace that has no operator token", async () => {
    const empty = mkdtempSync(join(tmpdir(), "ecology-vscode-empty-"));
    const opened = await openKernelSession({
      url: server.url,
      workspace: empty,
      principal: "dev",
      scrip: 1,
    });
    rmSync(empty, { recursive: true, force: true });
    expect(opened.ok).toBe(false);
  });
});

describe("KernelSession", () => {
  it("lists artifacts with owner and policy, and a contract's methods from its manifest", async () => {
    const artifacts = await session.artifacts();
    if (!artifacts.ok) throw new Error(artifacts.message);
    expect(artifacts.value.find((a) => a.id === "counter")).toMatchObject({
      owner: "dev",
      kind: "contract",
    });
    const methods = await session.methods("counter");
    expect(methods.ok && methods.value.map((m) => `${m.kind}:${m.name}`).sort()).toEqual([
      "method:add",
      "view:count",
    ]);
  });

  it("invokes as its principal and follows the events the call emitted", async () => {
    const emitted = nextEvent("contract.added");
    const envelope = await session.invoke("counter", "add", [3]);
    expect(envelope).toMatchObject({ success: true, result: 3 });
    expect((await emitted).data).toEqual({ by: 3 });
  });

  it("answers a refused invoke with a failure envelope", async () => {
    const envelope = await session.invoke("counter", "nope", []);
    expect(envelope.success).toBe(false);
  });

  it("reports an unreachable kernel as a value", async () => {
    const opened = await openKernelSession({
      url: "http://127.0.0.1:1",
      workspace,
      principal: "someone-new",
      scrip: 1,
    });
    expect(opened).toMatchObject({ ok: false });
  });
});

describe("createKernelRpc", () => {
  it("rejects following the event stream with a token the server does not know", async () => {
    const rpc = createKernelRpc(`${server.url}/`);
    const seen: number[] = [];
    const follow = rpc.follow(
      0,
      "ecology_op_wrong",
      (e) => seen.push(e.seq),
      new AbortController().signal,
    );
    await expect(follow).rejects.toThrow(/refused \(HTTP 401\)/);
    expect(seen).toEqual([]);
  });

  it("answers a call without a valid token with the server's JSON-RPC error", async () => {
    const outcome = await createKernelRpc(server.url).call("balances", {}, "nope");
    expect(outcome.ok).toBe(false);
  });
});
