import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createKernel } from "../create-kernel.js";
import type { Kernel } from "../kernel.js";

// The PostgreSQL adapter's own behaviour (ADR 0040): connection failures, schema versions,
// capabilities and failed pipelined writes. Runs in the default project when
// ECOLOGY_TEST_DATABASE_URL is set (the postgres project runs the rest of the suite).
const url = process.env.ECOLOGY_TEST_DATABASE_URL;
const schemas: string[] = [];

/** The test URL pointed at a fresh schema of its own (dropped after the file). */
function economy(): string {
  const schema = `kt_adapter_${process.pid}_${randomBytes(4).toString("hex")}`;
  schemas.push(schema);
  const u = new URL(url as string);
  u.searchParams.set("schema", schema);
  return u.toString();
}

/** `url` with other credentials or port. */
function variant(change: (u: URL) => void): string {
  const u = new URL(url as string);
  change(u);
  return u.toString();
}

async function sql(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** The KernelError `open()` rejects with, and how long it took. */
async function failure(open: () => Promise<unknown>): Promise<{ e: unknown; ms: number }> {
  const t0 = Date.now();
  try {
    const k = await open();
    (k as Kernel).close();
  } catch (e) {
    return { e, ms: Date.now() - t0 };
  }
  throw new Error("expected the open to fail");
}

describe.skipIf(!url)("PostgreSQL storage", () => {
  afterAll(async () => {
    for (const schema of schemas) await sql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  });

  it("fails a wrong password with storage_failure naming host:port, never the password", async () => {
    const bad = variant((u) => {
      u.password = "not-the-Password-42";
    });
    const { e, ms } = await failure(() => createKernel({ storage: bad }));
    expect(e).toMatchObject({ name: "KernelError", code: "storage_failure" });
    const { message } = e as Error;
    expect(message).toContain(`${new URL(bad).hostname}:${new URL(bad).port || "5432"}`);
    expect(message).not.toContain("not-the-Password-42");
    expect(ms).toBeLessThan(8000);
  });

  it("fails an unreachable database with storage_failure within seconds", async () => {
    const bad = variant((u) => {
      u.hostname = "127.0.0.1";
      u.port = "1";
    });
    const { e, ms } = await failure(() => createKernel({ storage: bad }));
    expect(e).toMatchObject({ code: "storage_failure" });
    expect((e as Error).message).toContain("127.0.0.1:1");
    expect(ms).toBeLessThan(8000);
  });

  it("refuses a bad schema name with invalid_options before connecting", async () => {
    const bad = variant((u) => u.searchParams.set("schema", 'x"; DROP TABLE y; --'));
    const { e } = await failure(() => createKernel({ storage: bad }));
    expect(e).toMatchObject({ code: "invalid_options" });
  });

  it("refuses a database whose schema is newer than the kernel with unsupported", async () => {
    const at = economy();
    const k = await createKernel({ storage: at });
    k.createPrincipal("alice", { scrip: 5 });
    k.close();
    const schema = new URL(at).searchParams.get("schema");
    await sql(`INSERT INTO "${schema}".schema_version (version) VALUES (9999)`);
    const { e } = await failure(() => createKernel({ storage: at }));
    expect(e).toMatchObject({ code: "unsupported" });
    expect((e as Error).message).toContain("9999");
  });

  it("keeps the economy across kernels and says it cannot snapshot", async () => {
    const at = economy();
    const first = await createKernel({ storage: at });
    first.createPrincipal("alice", { scrip: 7 });
    first.credentials.put("operator", "hash-1");
    first.close();
    const second = await createKernel({ storage: at });
    try {
      expect(second.balance("alice")).toBe(7);
      expect(second.credentials.get("operator")).toBe("hash-1");
      expect(() => second.snapshot()).toThrow(expect.objectContaining({ code: "unsupported" }));
      expect(second.verifyLog()).toMatchObject({ ok: true });
    } finally {
      second.close();
    }
  });

  it("rolls a transaction back when a pipelined write fails, and goes on working", async () => {
    const k = await createKernel({ storage: economy() });
    try {
      k.createPrincipal("alice", { scrip: 10 });
      k.createPrincipal("bob", { scrip: 0 });
      // PostgreSQL text cannot hold NUL: the pipelined INSERT fails, seen at the COMMIT.
      expect(() => k.credentials.put("viewer", "a\u0000b")).toThrow(
        expect.objectContaining({ code: "storage_failure" }),
      );
      expect(k.credentials.get("viewer")).toBeUndefined();
      k.credentials.put("viewer", "hash-2");
      expect(k.credentials.get("viewer")).toBe("hash-2");
      expect(k.invoke("alice", "genesis_ledger", "transfer", ["bob", 4]).success).toBe(true);
      expect([k.balance("alice"), k.balance("bob")]).toEqual([6, 4]);
      expect(k.verifyLog()).toMatchObject({ ok: true });
    } finally {
      k.close();
    }
  });

  it("lets a process with an open kernel and a commit listener exit when its work is done", () => {
    const fixture = join(import.meta.dirname, "../test-fixtures/pg-open-exit.ts");
    const run = spawnSync(process.execPath, ["--import", "tsx", fixture, economy()], {
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(run.error).toBeUndefined();
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("balance 3");
  });
});
