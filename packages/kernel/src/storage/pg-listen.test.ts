import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createServer, type Server, type Socket } from "node:net";
import { join } from "node:path";
import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createKernel } from "../create-kernel.js";
import type { Kernel } from "../kernel.js";
import { spawnListenFailProxy } from "../test-fixtures/listen-fail-launcher.js";
import { REFUSAL_MESSAGE } from "../test-fixtures/listen-fail-proxy.js";
import { worldOf } from "../world-of.js";
import {
  backoffDelay,
  DEFAULT_LISTEN_BACKOFF,
  listenerApplicationName,
  PgListener,
} from "./pg-listen.js";
import { PostgresStorage } from "./postgres.js";

// The LISTEN connection behind `onCommit` on PostgreSQL recovers from failures (ADR 0040): it
// retries with backoff, warns once per outage and wakes its listeners after reconnecting. The
// first tests need no database (a local TCP server stands in for an unreachable one); the
// last ones kill a real listener's backend.
const url = process.env.ECOLOGY_TEST_DATABASE_URL;
const FAST = { firstMs: 5, maxMs: 20 };

/** Resolves once `done()` holds, polling; fails after 10 s. */
async function until(done: () => boolean | Promise<boolean>): Promise<void> {
  const end = Date.now() + 10_000;
  while (!(await done())) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Process warnings about the listener, from now until `stop()`. */
function listenWarnings(): { messages: string[]; stop: () => void } {
  const messages: string[] = [];
  const onWarning = (w: Error) => {
    if (w.message.includes("LISTEN ecology_commit")) messages.push(w.message);
  };
  process.on("warning", onWarning);
  return { messages, stop: () => process.off("warning", onWarning) };
}

/** A TCP server that hangs up on every connection (a database that drops us), counting them. */
async function hangUpServer(): Promise<{ server: Server; url: string; accepted: () => number }> {
  let accepted = 0;
  const server = createServer((socket: Socket) => {
    accepted++;
    socket.destroy();
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  return { server, url: `postgres://u:p@127.0.0.1:${port}/db`, accepted: () => accepted };
}

describe("PgListener without a database", () => {
  const cleanup: (() => void)[] = [];
  afterEach(() => {
    for (const f of cleanup.splice(0)) f();
  });

  it("keeps each delay within the capped, doubling bound and its upper half", () => {
    for (const [failures, bound] of [
      [0, 100],
      [1, 200],
      [5, 3200],
      [6, 5000],
      [60, 5000],
    ] as const) {
      for (let i = 0; i < 50; i++) {
        const ms = backoffDelay(failures, { firstMs: 100, maxMs: 5000 });
        expect(ms).toBeGreaterThanOrEqual(bound / 2);
        expect(ms).toBeLessThanOrEqual(bound);
      }
    }
  });

  it("retries a dropped connection with backoff and warns once for the outage", async () => {
    const db = await hangUpServer();
    const warnings = listenWarnings();
    const listener = new PgListener(
      { connectionString: db.url, schema: "s", backoff: FAST },
      () => {},
    );
    cleanup.push(
      () => listener.close(),
      warnings.stop,
      () => db.server.close(),
    );
    await until(() => db.accepted() >= 4);
    await until(() => warnings.messages.length >= 1); // warnings are emitted on a later tick
    expect(warnings.messages).toHaveLength(1);
    expect(warnings.messages[0]).toContain("Connection terminated unexpectedly");
  });

  it("stops every retry at once when closed during its backoff, settling `listening`", async () => {
    const db = await hangUpServer();
    const listener = new PgListener(
      { connectionString: db.url, schema: "s", backoff: FAST },
      () => {},
    );
    cleanup.push(
      () => listener.close(),
      () => db.server.close(),
    );
    // The warning is emitted with the retry timer already set: close inside the backoff.
    const [warning] = (await once(process, "warning")) as [Error];
    expect(warning.message).toContain("LISTEN ecology_commit");
    listener.close();
    await listener.listening;
    const seen = db.accepted();
    // A negative can only be observed over time: ten times the longest delay, no new attempt.
    await new Promise((r) => setTimeout(r, 10 * FAST.maxMs));
    expect(db.accepted()).toBe(seen);
  });

  it.each([
    ["left retrying", []],
    ["closed during its backoff", ["close"]],
  ])("lets the process exit when its listener is %s", (_, extra) => {
    const fixture = join(import.meta.dirname, "../test-fixtures/pg-listen-exit.ts");
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", fixture, "postgres://u:p@127.0.0.1:1/db", ...extra],
      { encoding: "utf8", timeout: 20_000 },
    );
    expect(run.error).toBeUndefined();
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("warned true");
    if (extra.length > 0) expect(run.stdout).toContain("settled");
  });
});

async function sql<R extends pg.QueryResultRow>(text: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Backend pids of the listener connections of `schema`. */
async function listenerPids(schema: string): Promise<number[]> {
  const rows = await sql<{ pid: number }>(
    "SELECT pid FROM pg_stat_activity WHERE application_name = $1",
    [listenerApplicationName(schema)],
  );
  return rows.map((r) => r.pid);
}

/** Waits until `k`'s PostgreSQL storage listens for commits. */
async function listening(k: Kernel): Promise<void> {
  const { storage } = worldOf(k);
  if (!(storage instanceof PostgresStorage)) throw new Error("expected a PostgreSQL kernel");
  await storage.listening();
}

describe.skipIf(!url)("PgListener on PostgreSQL", () => {
  const schemas: string[] = [];
  const open: Kernel[] = [];
  afterAll(async () => {
    for (const k of open) k.close();
    for (const schema of schemas) await sql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  });

  /** A fresh schema's URL; it is dropped after the file. */
  function freshSchema(): { schema: string; storage: string } {
    const schema = `kt_listen_${process.pid}_${randomBytes(4).toString("hex")}`;
    schemas.push(schema);
    const u = new URL(url as string);
    u.searchParams.set("schema", schema);
    return { schema, storage: u.toString() };
  }

  async function economy(): Promise<{ schema: string; a: Kernel; b: Kernel }> {
    const { schema, storage } = freshSchema();
    const a = await createKernel({ storage });
    const b = await createKernel({ storage });
    open.push(a, b);
    return { schema, a, b };
  }

  it("hears another kernel's commits again after its backend is terminated", async () => {
    const { schema, a, b } = await economy();
    let calls = 0;
    a.onCommit(() => calls++);
    await listening(a);
    b.createPrincipal("alice", { scrip: 5 });
    await until(() => calls >= 1);
    const [first, ...others] = await listenerPids(schema);
    expect(others).toEqual([]);
    const warnings = listenWarnings();
    try {
      const killed = await sql("SELECT pg_terminate_backend($1)", [first]);
      expect(killed).toHaveLength(1);
      // Back in place, the listener says "look" once: commits may have been missed meanwhile.
      const beforeReconnect = calls;
      await until(() => calls > beforeReconnect);
      // The killed backend may linger a moment in pg_stat_activity; then one new one remains.
      const replaced = async () => {
        const pids = await listenerPids(schema);
        return pids.length === 1 && pids[0] !== first;
      };
      await until(replaced);
      // And a later commit of the other kernel wakes it through the new LISTEN.
      const beforeCommit = calls;
      b.mint("alice", 1);
      await until(() => calls > beforeCommit);
      expect(warnings.messages).toHaveLength(1);
      expect(warnings.messages[0]).toContain("terminating connection");
    } finally {
      warnings.stop();
    }
  });

  it("closes its connection with the kernel, leaving no listener backend", async () => {
    const { schema, a } = await economy();
    a.onCommit(() => {});
    await listening(a);
    expect(await listenerPids(schema)).toHaveLength(1);
    open.splice(open.indexOf(a), 1);
    a.close();
    await until(async () => (await listenerPids(schema)).length === 0);
  });

  it.each([
    ["a hang-up", "drop", "Connection terminated unexpectedly"],
    ["an SQL error on a live connection", "refuse", REFUSAL_MESSAGE],
  ] as const)(
    "retries with backoff when LISTEN meets %s after connecting, then hears commits",
    async (_, failure, reported) => {
      const { storage } = freshSchema();
      const b = await createKernel({ storage });
      open.push(b);
      const FAILURES = 3;
      const proxy = await spawnListenFailProxy(storage, FAILURES, failure);
      const warnings = listenWarnings();
      const a = await createKernel({ storage: proxy.url });
      try {
        let calls = 0;
        a.onCommit(() => calls++);
        await listening(a);
        // The proxy reports over a pipe: its last start-up line may arrive just after LISTEN did.
        await until(() => proxy.listenerStarts.length === FAILURES + 1);
        // Each failed connection had authenticated: only its LISTEN failed.
        expect(proxy.failures).toHaveLength(FAILURES);
        // Attempt k + 1 waited at least the lower half of the k-th doubling bound (1 ms for timers).
        for (let k = 0; k < FAILURES; k++) {
          const waited = (proxy.listenerStarts[k + 1] as number) - (proxy.failures[k] as number);
          const { firstMs, maxMs } = DEFAULT_LISTEN_BACKOFF;
          expect(waited).toBeGreaterThanOrEqual(Math.min(maxMs, firstMs * 2 ** k) / 2 - 1);
        }
        // Back in place, the listener says "look" once: commits may have been missed meanwhile.
        await until(() => calls === 1);
        b.createPrincipal("alice", { scrip: 5 });
        await until(() => calls === 2);
        expect(warnings.messages).toHaveLength(1);
        expect(warnings.messages[0]).toContain(reported);
      } finally {
        warnings.stop();
        a.close();
        await proxy.close();
      }
    },
  );
});
