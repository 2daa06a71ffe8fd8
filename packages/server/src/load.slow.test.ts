import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createKernel } from "@ecology/kernel";
import { createClient, type KernelEvent } from "@ecology/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type EcologyServer } from "./server.js";
import { RECORDER } from "./test-fixtures/harness.js";

const CLIENTS = 8;
const INVOKES = 500;

let server: EcologyServer;
let kernel: Awaited<ReturnType<typeof createKernel>>;

beforeAll(async () => {
  const dir = join(mkdtempSync(join(tmpdir(), "eco-load-")), ".ecology");
  kernel = await createKernel({ storage: join(dir, "..", "kernel.db") });
  server = await createServer({ kernel, dir, port: 0 });
  const operator = server.credentials.operatorToken();
  const op = createClient({ url: server.url, token: operator });
  for (const id of ["owner", ...Array.from({ length: CLIENTS }, (_, i) => `client${i}`)]) {
    await op.call("createPrincipal", { id, scrip: 1_000 });
  }
  const owner = createClient({
    url: server.url,
    token: server.credentials.tokenFor("owner") ?? "",
  });
  const deployed = await owner.call("deploy", {
    id: "recorder",
    code: RECORDER,
    policy: { invokePrice: 1 },
  });
  expect(deployed).toMatchObject({ success: true });
});

afterAll(async () => {
  await server.close();
  kernel.close();
});

function allEvents(): KernelEvent[] {
  const out: KernelEvent[] = [];
  let after = 0;
  for (;;) {
    const page = kernel.events({ after, limit: 1000, types: ["contract.recorded"] });
    if (!page.success) throw new Error(page.error.message);
    out.push(...page.result.events);
    if (page.result.next === null) return out;
    after = page.result.next;
  }
}

describe("server under load", () => {
  it("logs every acknowledged invoke of 8 concurrent clients x 500, and conserves scrip", async () => {
    const acknowledged: string[] = [];
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        const client = createClient({
          url: server.url,
          token: server.credentials.tokenFor(`client${c}`) ?? "",
        });
        for (let i = 0; i < INVOKES; i++) {
          const tag = `c${c}-${i}`;
          const out = await client.call("invoke", {
            target: "recorder",
            method: "record",
            args: [tag],
          });
          if (out.success) acknowledged.push(tag);
        }
      }),
    );
    expect(acknowledged).toHaveLength(CLIENTS * INVOKES);
    const logged = new Set(allEvents().map((e) => String(e.data.tag)));
    expect(acknowledged.filter((tag) => !logged.has(tag))).toEqual([]);
    const balances = kernel.balances();
    const sum = Object.values(balances).reduce((a, b) => a + b, 0);
    expect(sum).toBe(kernel.totalMinted());
    expect(balances.owner).toBe(1_000 + CLIENTS * INVOKES);
    expect(kernel.verifyLog()).toMatchObject({ ok: true });
  }, 300_000);
});
