import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createKernel, type Kernel } from "@ecology/kernel";
import { createClient, type RpcOutcome } from "@ecology/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { type CredentialStore, createCredentialStore } from "./credentials.js";
import { createDispatcher, type Dispatcher, type DispatcherOptions } from "./dispatcher.js";
import { createEventHub } from "./event-hub.js";
import type { KernelApi } from "./kernel-api.js";
import { createServer } from "./server.js";
import { COUNTER } from "./test-fixtures/harness.js";

const open: { close(): unknown }[] = [];
/**
 * No time bound on a batch (the default closes one after 5 ms): tests that count batches or fail
 * a whole batch must not see it split when the machine is slow.
 */
const UNTIMED = { maxBatchMs: 60_000 };
afterEach(async () => {
  for (const o of open.splice(0)) await o.close();
});

interface Setup {
  kernel: Kernel;
  credentials: CredentialStore;
  dispatcher: Dispatcher;
  token: (id: string) => string;
  dir: string;
}

/** A real kernel with principals p0..p7 (100 scrip each) and a counter, behind a dispatcher. */
async function setup(options: Partial<DispatcherOptions> = {}, storage?: string): Promise<Setup> {
  const dir = join(mkdtempSync(join(tmpdir(), "eco-group-")), ".ecology");
  const kernel = await createKernel(storage ? { storage: join(dir, "..", storage) } : {});
  open.push(kernel);
  const credentials = createCredentialStore(dir);
  for (let i = 0; i < 8; i++) {
    kernel.createPrincipal(`p${i}`, { scrip: 100 });
    credentials.issue(`p${i}`);
  }
  expect(kernel.deploy("p0", { id: "counter", code: COUNTER }).success).toBe(true);
  const dispatcher = createDispatcher({ kernel, credentials, ...options });
  const token = (id: string) => credentials.tokenFor(id) ?? "";
  return { kernel, credentials, dispatcher, token, dir };
}

/** `kernel` with some methods replaced; the others run on the real kernel itself. */
function overriding(kernel: Kernel, overrides: Partial<KernelApi>): KernelApi {
  return new Proxy(kernel, {
    get(target, key) {
      if (key in overrides) return overrides[key as keyof KernelApi];
      const value = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  }) as unknown as KernelApi;
}

function journalOps(kernel: Kernel): { op: string; tx: string; id: unknown }[] {
  const page = kernel.journal({ limit: 1000 });
  if (!page.success) throw new Error(page.error.message);
  return page.result.records.map((r) => ({ op: r.op, tx: r.tx, id: r.params.id }));
}

describe("group commit in the dispatcher", () => {
  it("applies concurrent writes in arrival order, several to a commit, each its own tx", async () => {
    const { kernel, dispatcher, token } = await setup();
    const before = journalOps(kernel).length;
    const calls = Array.from({ length: 20 }, (_, i) =>
      dispatcher.call(token(`p${i % 8}`), "write", { id: `doc${i}`, content: { i } }),
    );
    const outcomes = await Promise.all(calls);
    for (const out of outcomes) expect(out).toMatchObject({ ok: true, result: { success: true } });
    const records = journalOps(kernel).slice(before);
    expect(records.map((r) => r.id)).toEqual(calls.map((_, i) => `doc${i}`));
    expect(records.map((r) => r.tx)).toEqual(calls.map((_, i) => `tx${before + i + 1}`));
    expect(dispatcher.queue.stats.operations).toBe(20);
    expect(dispatcher.queue.stats.batches).toBeLessThan(20);
  });

  it("keeps each failure to its own request: refusal, contract error and a throw", async () => {
    const { kernel, credentials, token } = await setup();
    // The kernel is real; only writes of "explode" throw, as a kernel bug would (ADR 0002).
    const exploding = overriding(kernel, {
      write: (...args: Parameters<Kernel["write"]>) => {
        if (args[1] === "explode") throw new Error("kernel bug on purpose");
        return kernel.write(...args);
      },
    });
    const dispatcher = createDispatcher({ kernel: exploding, credentials, groupCommit: UNTIMED });
    const [first, refused, failed, thrown, last] = await Promise.all([
      dispatcher.call(token("p1"), "write", { id: "a", content: 1 }),
      dispatcher.call(token("p1"), "delete", { id: "nothing" }),
      dispatcher.call(token("p1"), "invoke", { target: "counter", method: "inc", args: ["x"] }),
      dispatcher.call(token("p1"), "write", { id: "explode", content: 2 }),
      dispatcher.call(token("p2"), "write", { id: "b", content: 3 }),
    ]);
    expect(dispatcher.queue.stats).toEqual({ batches: 1, operations: 5 });
    expect(first).toMatchObject({ ok: true, result: { success: true } });
    expect(refused).toMatchObject({ ok: true, result: { success: false } });
    expect(failed).toMatchObject({ ok: true, result: { success: false } });
    expect(thrown).toMatchObject({ ok: false, error: { message: /kernel bug on purpose/ } });
    expect(last).toMatchObject({ ok: true, result: { success: true } });
    expect(kernel.getArtifact("a")?.content).toBe(1);
    expect(kernel.getArtifact("b")?.content).toBe(3);
    expect(kernel.verifyLog()).toMatchObject({ ok: true });
    kernel.checkInvariants();
  });

  it("acknowledges nothing of a batch whose commit fails, and goes on", async () => {
    const { kernel, credentials, token } = await setup();
    let failNext = true;
    const failing = overriding(kernel, {
      // The real batch, made to fail at its end as a COMMIT that cannot be written would.
      batch: <T>(fn: () => T) =>
        kernel.batch(() => {
          const result = fn();
          if (failNext) {
            failNext = false;
            throw new Error("disk full");
          }
          return result;
        }),
    });
    const dispatcher = createDispatcher({ kernel: failing, credentials, groupCommit: UNTIMED });
    const operator = credentials.operatorToken();
    const outcomes: RpcOutcome[] = await Promise.all(
      [0, 1, 2].map((i) => dispatcher.call(operator, "mint", { id: `p${i}`, amount: 5 })),
    );
    expect(outcomes).toHaveLength(3);
    for (const out of outcomes)
      expect(out).toMatchObject({
        ok: false,
        error: { message: /group commit failed, nothing of this request was kept: disk full/ },
      });
    await expect(dispatcher.call(token("p0"), "balance", {})).resolves.toMatchObject({
      ok: true,
      result: { result: 100 },
    });
    const again = await dispatcher.call(operator, "mint", { id: "p0", amount: 5 });
    expect(again).toMatchObject({ ok: true, result: { success: true } });
    expect(kernel.balance("p0")).toBe(105);
    expect(kernel.verifyLog()).toMatchObject({ ok: true });
  });

  it("answers a read queued between two changes after the first and before the second", async () => {
    const { dispatcher, credentials } = await setup();
    const operator = credentials.operatorToken();
    const [, seen] = await Promise.all([
      dispatcher.call(operator, "mint", { id: "p3", amount: 5 }),
      dispatcher.call(operator, "balance", { id: "p3" }),
      dispatcher.call(operator, "mint", { id: "p3", amount: 7 }),
    ]);
    expect(seen).toMatchObject({ ok: true, result: { result: 105 } });
  });

  it("wakes event streams only once the batch is committed", async () => {
    const hub = createEventHub();
    const { kernel, dispatcher, token, dir } = await setup({ hub }, "kernel.db");
    // A second connection to the file sees only committed transactions.
    const other = await createKernel({ storage: join(dir, "..", "kernel.db") });
    open.push(other);
    const seenAtWake: unknown[] = [];
    const woken = hub.next(10_000).then(() => seenAtWake.push(other.getArtifact("w")?.content));
    await Promise.all([
      dispatcher.call(token("p1"), "write", { id: "w", content: "committed" }),
      dispatcher.call(token("p2"), "write", { id: "x", content: 1 }),
    ]);
    await woken;
    expect(seenAtWake).toEqual(["committed"]);
    expect(kernel.getArtifact("x")?.content).toBe(1);
  });

  it("runs one transaction per request when grouping is switched off", async () => {
    const { kernel, dispatcher, token } = await setup({ groupCommit: false });
    const outcomes = await Promise.all(
      [0, 1, 2, 3].map((i) =>
        dispatcher.call(token(`p${i}`), "write", { id: `d${i}`, content: i }),
      ),
    );
    for (const out of outcomes) expect(out).toMatchObject({ ok: true, result: { success: true } });
    expect(dispatcher.queue.stats).toEqual({ batches: 0, operations: 0 });
    expect(kernel.getArtifact("d3")?.content).toBe(3);
  });

  it("bounds a batch by count: 10 writes at most 3 to a commit", async () => {
    const { dispatcher, token } = await setup({ groupCommit: { ...UNTIMED, maxBatch: 3 } });
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        dispatcher.call(token("p0"), "write", { id: `c${i}`, content: i }),
      ),
    );
    expect(dispatcher.queue.stats).toEqual({ batches: 4, operations: 10 });
  });
});

describe("group commit over HTTP", () => {
  it("groups 8 concurrent clients' invokes and answers every one", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "eco-group-http-")), ".ecology");
    const kernel = await createKernel({ storage: join(dir, "..", "kernel.db") });
    open.push(kernel);
    const server = await createServer({ kernel, dir, port: 0 });
    open.push(server);
    for (let i = 0; i < 8; i++) {
      kernel.createPrincipal(`p${i}`, { scrip: 100 });
      server.credentials.issue(`p${i}`);
    }
    expect(kernel.deploy("p0", { id: "counter", code: COUNTER }).success).toBe(true);
    const results = await Promise.all(
      Array.from({ length: 8 }, async (_, c) => {
        const client = createClient({
          url: server.url,
          token: server.credentials.tokenFor(`p${c}`) ?? "",
        });
        const counts: number[] = [];
        for (let i = 0; i < 25; i++) {
          const out = await client.call("invoke", { target: "counter", method: "inc", args: [] });
          if (!out.success) throw new Error(out.error.message);
          counts.push(out.result as number);
        }
        return counts;
      }),
    );
    const all = results.flat().sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    const { batches, operations } = server.dispatcher.queue.stats;
    expect(operations).toBe(200);
    expect(batches).toBeLessThan(operations);
    expect(kernel.verifyLog()).toMatchObject({ ok: true, count: expect.any(Number) });
  });
});
