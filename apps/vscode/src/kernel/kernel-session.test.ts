import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createKernel, type Kernel } from "@ecology/kernel";
import { createClient, type KernelEvent, ProtocolError } from "@ecology/protocol";
import { compileContract } from "@ecology/sdk/compiler";
import { createCredentialStore, createServer, type EcologyServer } from "@ecology/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KernelSession, openKernelSession } from "./kernel-session.js";

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
  const deployed = await createClient({ url: server.url, token }).call("deploy", {
    id: "counter",
    code: compiled.code,
  });
  expect(deployed.success).toBe(true);
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

  it("ends its event stream without a refusal when closed", async () => {
    const opened = await openKernelSession({
      url: server.url,
      workspace,
      principal: "dev",
      scrip: 1,
    });
    if (!opened.ok) throw new Error(opened.message);
    opened.value.close();
    expect(await opened.value.ended).toBeUndefined();
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

describe("a session whose operator token the server does not know", () => {
  let wrong: string;
  let refused: KernelSession;
  beforeAll(async () => {
    wrong = mkdtempSync(join(tmpdir(), "ecology-vscode-wrong-"));
    mkdirSync(join(wrong, ".ecology", "tokens"), { recursive: true });
    writeFileSync(join(wrong, ".ecology", "operator.token"), "ecology_op_wrong");
    writeFileSync(join(wrong, ".ecology", "tokens", "dev.token"), "ecology_dev_wrong");
    const opened = await openKernelSession({
      url: server.url,
      workspace: wrong,
      principal: "dev",
      scrip: 1,
    });
    if (!opened.ok) throw new Error(opened.message);
    refused = opened.value;
  });
  afterAll(() => {
    refused?.close();
    rmSync(wrong, { recursive: true, force: true });
  });

  it("ends its event stream with the server's refusal, having seen no event", async () => {
    const ended = await refused.ended;
    expect(ended).toBeInstanceOf(ProtocolError);
    expect(ended).toMatchObject({ code: "not_authorized", status: 401 });
    expect(refused.events).toEqual([]);
  });

  it("answers views and invokes with the refusal as a value", async () => {
    const artifacts = await refused.artifacts();
    expect(artifacts).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^not_authorized: /),
    });
    const envelope = await refused.invoke("counter", "add", [1]);
    expect(envelope).toMatchObject({ success: false, error: { code: "not_authorized" } });
  });
});
