import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createKernel } from "./create-kernel.js";
import type { Kernel } from "./kernel.js";

/** Committed genesis_ledger.transfer calls, counted from the event log. */
function ledgerTransfers(k: Kernel): number {
  let n = 0;
  let after = 0;
  for (;;) {
    const env = k.events({ types: ["scrip.transferred"], after, limit: 1000 });
    if (!env.success) throw new Error(env.error.message);
    n += env.result.events.filter((e) => e.data.reason === "transfer").length;
    if (env.result.next === null) return n;
    after = env.result.next;
  }
}

const dir = mkdtempSync(join(tmpdir(), "ecology-crash-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Acks {
  writes: number[];
  transfers: number;
  counter: number;
  failures: number[];
}

/** The messages of the recorded `invoke.failed` events of `counter.fail`. */
function failureMessages(k: Kernel): Set<string> {
  const messages = new Set<string>();
  let after = 0;
  for (;;) {
    const env = k.events({ types: ["invoke.failed"], artifact: "counter", after, limit: 1000 });
    if (!env.success) throw new Error(env.error.message);
    for (const e of env.result.events) messages.add(String(e.data.message));
    if (env.result.next === null) return messages;
    after = env.result.next;
  }
}

/** Runs the child until it has acknowledged `target` writes, then kills it with SIGKILL. */
function runAndKill(db: string, target: number): Promise<Acks> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(import.meta.dirname, "test-fixtures", "crash-child.ts"), db],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    const acks: Acks = { writes: [], transfers: 0, counter: 0, failures: [] };
    let buffer = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) {
        const [kind, n] = line.split(" ");
        if (kind === "W") acks.writes.push(Number(n));
        if (kind === "T") acks.transfers++;
        if (kind === "C") acks.counter = Number(n);
        if (kind === "F") acks.failures.push(Number(n));
      }
      if (acks.writes.length >= target && !child.killed) child.kill("SIGKILL");
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (signal !== "SIGKILL") reject(new Error(`child exited with ${code}`));
      else resolve(acks);
    });
  });
}

describe("crash safety", () => {
  it("keeps every acknowledged transaction and failure record across SIGKILL, with a valid log and conservation", async () => {
    const db = join(dir, "economy.db");
    let writes = 0;
    let transfers = 0;
    for (const target of [150, 400]) {
      const acks = await runAndKill(db, writes + target);
      writes = Math.max(writes, ...acks.writes);
      transfers += acks.transfers;
      const k = await createKernel({ storage: db });
      for (const i of acks.writes) expect(k.getArtifact(`rec-${i}`)?.content).toEqual({ i });
      expect(ledgerTransfers(k)).toBeGreaterThanOrEqual(transfers);
      expect(
        (k.getArtifact("counter")?.state as { count?: number } | undefined)?.count ?? -1,
      ).toBeGreaterThanOrEqual(acks.counter);
      const recorded = failureMessages(k);
      expect(acks.failures.length).toBeGreaterThan(0);
      for (const i of acks.failures) expect(recorded.has(`no ${i}`)).toBe(true);
      expect(k.verifyLog()).toMatchObject({ ok: true });
      k.checkInvariants();
      // the next run continues from what survived, possibly one unacknowledged step ahead
      transfers = ledgerTransfers(k);
      k.close();
    }
  }, 120_000);
});
