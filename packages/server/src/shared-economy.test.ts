import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createKernel, type Kernel } from "@ecology/kernel";
import { createClient, type KernelEvent } from "@ecology/protocol";
import { afterAll, beforeAll, expect, it } from "vitest";
import { STREAM_POLL_MS } from "./events-stream.js";
import { createServer, type EcologyServer } from "./server.js";
import { createSharedCredentialStore } from "./shared-credentials.js";
import { describePostgres, dropSchema, freshSchemaUrl } from "./test-fixtures/postgres.js";

// Two servers, each with its own kernel (its own connections) and its own folder, on one
// PostgreSQL economy: what `ecology dev --storage postgres://…` runs, in one process for speed.
let database: string;
const kernels: Kernel[] = [];
const servers: EcologyServer[] = [];

async function serve(): Promise<EcologyServer> {
  const kernel = await createKernel({ storage: database });
  const dir = join(mkdtempSync(join(tmpdir(), "eco-shared-")), ".ecology");
  const credentials = createSharedCredentialStore(dir, kernel.credentials);
  const server = await createServer({ kernel, dir, port: 0, credentials });
  kernels.push(kernel);
  servers.push(server);
  return server;
}

describePostgres("servers sharing a PostgreSQL economy", () => {
  beforeAll(async () => {
    database = freshSchemaUrl("srv");
    await serve();
    await serve();
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
    for (const kernel of kernels) await kernel.close();
    if (database) dropSchema(database);
  });

  it("accepts on server B a token issued through server A from another folder", async () => {
    const [a, b] = servers as [EcologyServer, EcologyServer];
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

  it("shows a commit made through server A on server B's event stream well within the poll", async () => {
    const [a, b] = servers as [EcologyServer, EcologyServer];
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
