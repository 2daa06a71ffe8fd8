import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createKernel, type Kernel } from "@ecology/kernel";
import { createClient, type KernelEvent } from "@ecology/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STREAM_POLL_MS } from "./events-stream.js";
import { createServer, type EcologyServer } from "./server.js";
import { createSharedCredentialStore } from "./shared-credentials.js";
import { describePostgres, dropSchema, freshSchemaUrl } from "./test-fixtures/postgres.js";

// Two servers, each with its own kernel (its own connections) and its own folder, on one
// economy: what `ecology dev --storage …` runs, in one process for speed. The credentials tests
// run on a shared SQLite file and on PostgreSQL; the event-stream wake-up needs PostgreSQL's
// LISTEN/NOTIFY (SQLite's onCommit reports a process's own commits only).
interface Pair {
  servers: [EcologyServer, EcologyServer];
  close(): Promise<void>;
}

async function twoServers(storage: string): Promise<Pair> {
  const kernels: Kernel[] = [];
  const servers: EcologyServer[] = [];
  for (let i = 0; i < 2; i++) {
    const kernel = await createKernel({ storage });
    const dir = join(mkdtempSync(join(tmpdir(), "eco-shared-")), ".ecology");
    const credentials = createSharedCredentialStore(dir, kernel.credentials);
    kernels.push(kernel);
    servers.push(await createServer({ kernel, dir, port: 0, credentials }));
  }
  return {
    servers: servers as [EcologyServer, EcologyServer],
    async close() {
      for (const server of servers) await server.close();
      for (const kernel of kernels) await kernel.close();
    },
  };
}

/** The credential behaviour every shared economy has, whatever its storage. */
function sharedCredentialTests(pair: () => Pair): void {
  it("accepts on server B a token issued through server A from another folder", async () => {
    const [a, b] = pair().servers;
    const operatorA = createClient({ url: a.url, token: a.credentials.operatorToken() });
    expect(await operatorA.call("createPrincipal", { id: "alice", scrip: 50 })).toMatchObject({
      success: true,
    });
    const token = a.credentials.tokenFor("alice") ?? "";
    expect(b.credentials.tokenFor("alice")).toBeUndefined();
    const aliceOnB = createClient({ url: b.url, token });
    expect(await aliceOnB.call("whoami", {})).toMatchObject({
      success: true,
      result: { kind: "principal", id: "alice" },
    });
    // B's own operator token works on A too: each folder's operator token is registered.
    const operatorB = createClient({ url: a.url, token: b.credentials.operatorToken() });
    expect(await operatorB.call("balance", { id: "alice" })).toMatchObject({ result: 50 });
    const stranger = createClient({ url: b.url, token: `${token.slice(0, -2)}xx` });
    expect(await stranger.call("whoami", {})).toMatchObject({
      success: false,
      error: { code: "not_authorized" },
    });
  });

  it("refuses on server B a grant revoked and a token re-issued through server A", async () => {
    const [a, b] = pair().servers;
    const aliceA = createClient({ url: a.url, token: a.credentials.tokenFor("alice") ?? "" });
    const created = await aliceA.call("grantCreate", { spend: 5 });
    if (!created.success) throw new Error(created.error.message);
    const grantOnB = createClient({ url: b.url, token: created.result.token });
    expect(await grantOnB.call("whoami", {})).toMatchObject({
      result: { kind: "grant", id: "alice", grant: created.result.grant.id },
    });
    expect(await aliceA.call("grantRevoke", { id: created.result.grant.id })).toMatchObject({
      success: true,
    });
    expect(await grantOnB.call("whoami", {})).toMatchObject({
      success: false,
      error: { code: "not_authorized" },
    });
    const old = a.credentials.tokenFor("alice") ?? "";
    const fresh = a.credentials.issue("alice");
    const oldOnB = createClient({ url: b.url, token: old });
    expect(await oldOnB.call("whoami", {})).toMatchObject({ error: { code: "not_authorized" } });
    const freshOnB = createClient({ url: b.url, token: fresh });
    expect(await freshOnB.call("whoami", {})).toMatchObject({ result: { id: "alice" } });
  });
}

describe("servers sharing an SQLite economy file", () => {
  let shared: Pair | undefined;
  beforeAll(async () => {
    shared = await twoServers(join(mkdtempSync(join(tmpdir(), "eco-file-")), "kernel.db"));
  });
  afterAll(() => shared?.close());
  sharedCredentialTests(() => shared as Pair);
});

describePostgres("servers sharing a PostgreSQL economy", () => {
  let shared: Pair | undefined;
  let database: string | undefined;
  beforeAll(async () => {
    database = freshSchemaUrl("srv");
    shared = await twoServers(database);
  });
  afterAll(async () => {
    await shared?.close();
    if (database) dropSchema(database);
  });
  sharedCredentialTests(() => shared as Pair);

  it("shows a commit made through server A on server B's event stream well within the poll", async () => {
    const [a, b] = (shared as Pair).servers;
    const operatorA = createClient({ url: a.url, token: a.credentials.operatorToken() });
    const created = await operatorA.call("createPrincipal", { id: "bob", scrip: 10 });
    if (!created.success) throw new Error(created.error.message);
    const viewerB = createClient({ url: b.url, token: b.credentials.viewerToken() });
    const controller = new AbortController();
    const delays: number[] = [];
    const stream = viewerB.follow(
      { types: ["scrip.minted"], after: created.events.at(-1)?.seq ?? 0 },
      { signal: controller.signal },
    );
    const iterator = stream[Symbol.asyncIterator]();
    // The stream is open once its first (empty) read has been served; give it a moment.
    const first = iterator.next();
    await new Promise((r) => setTimeout(r, 300));
    for (let i = 0; i < 5; i++) {
      const before = performance.now();
      const minted = await operatorA.call("mint", { id: "bob", amount: i + 1 });
      expect(minted).toMatchObject({ success: true });
      const next: IteratorResult<KernelEvent> = i === 0 ? await first : await iterator.next();
      delays.push(performance.now() - before);
      expect(next.value).toMatchObject({ type: "scrip.minted", data: { amount: i + 1 } });
    }
    controller.abort();
    console.log(
      `[postgres] commit on A -> event on B's stream: ${delays.map((d) => d.toFixed(0)).join(", ")} ms (poll ${STREAM_POLL_MS} ms)`,
    );
    expect(Math.max(...delays)).toBeLessThan(STREAM_POLL_MS / 2);
  }, 30_000);
});
