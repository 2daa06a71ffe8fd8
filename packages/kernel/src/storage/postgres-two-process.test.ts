import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createKernel } from "../create-kernel.js";
import type { Kernel } from "../kernel.js";
import { mustDeploy, SERVICE } from "../test-fixtures/contracts.js";

const url = process.env.ECOLOGY_TEST_DATABASE_URL;
const OPS = 120;

/** Runs one child kernel to completion; its stdout lines. */
function child(economy: string, seed: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const p = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        join(import.meta.dirname, "../test-fixtures/pg-child.ts"),
        economy,
        `${seed}`,
        `${OPS}`,
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    let err = "";
    p.stdout.on("data", (d) => (out += d));
    p.stderr.on("data", (d) => (err += d));
    p.on("exit", (code) =>
      code === 0 ? resolve(out.trim().split("\n")) : reject(new Error(`child ${code}: ${err}`)),
    );
  });
}

describe.skipIf(!url)("two processes on one PostgreSQL economy", () => {
  const opened: Kernel[] = [];
  afterAll(() => {
    for (const k of opened) k.close();
  });

  it("keeps one chain, conserves scrip and loses no acknowledged commit", async () => {
    const u = new URL(url as string);
    u.searchParams.set("schema", `kt_two_${process.pid}_${Date.now().toString(36)}`);
    const economy = u.toString();
    const k = await createKernel({ storage: economy });
    opened.push(k);
    for (const p of ["p0", "p1", "p2", "p3"]) k.createPrincipal(p, { scrip: 1000 });
    mustDeploy(k, "p0", "svc", SERVICE, [], { invokePrice: 2 });
    const [a, b] = await Promise.all([child(economy, 1), child(economy, 2)]);
    const lines = [...(a ?? []), ...(b ?? [])];
    expect(lines.filter((l) => l === "DONE")).toHaveLength(2);
    const acknowledged = lines.filter((l) => l.startsWith("OK ")).map((l) => l.slice(3));
    expect(acknowledged.length).toBeGreaterThan(OPS); // most of both children's calls succeeded
    // This kernel's caches predate the children's commits: it must see them all.
    expect(k.totalMinted()).toBe(4000);
    k.checkInvariants();
    expect(k.verifyLog()).toMatchObject({ ok: true });
    const txs = new Set<string>();
    let after = 0;
    for (;;) {
      const page = k.events({ after, limit: 1000 });
      if (!page.success) throw new Error(page.error.message);
      for (const e of page.result.events) txs.add(e.tx);
      if (page.result.next === null) break;
      after = page.result.next;
    }
    for (const tx of acknowledged) expect(txs.has(tx), tx).toBe(true);
    // Every paid use counted exactly once: the service's state equals the acknowledged uses.
    const calls = (k.getArtifact("svc")?.state as { calls?: number } | undefined)?.calls ?? 0;
    const served = k.events({ artifact: "svc", types: ["contract.served"], limit: 1000 });
    expect(calls).toBeGreaterThan(0);
    expect(served.success && served.result.events.length).toBe(calls);
    const journal = k.journal({ limit: 1000 });
    expect(journal.success && journal.result.records.length).toBeGreaterThan(acknowledged.length);
  }, 120_000);
});
