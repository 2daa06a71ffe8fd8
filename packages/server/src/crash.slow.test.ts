import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createKernel } from "@ecology/kernel";
import { createClient } from "@ecology/protocol";
import { afterAll, describe, expect, it } from "vitest";

const CLIENTS = 8;
const dir = mkdtempSync(join(tmpdir(), "ecology-server-crash-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Served {
  child: ChildProcess;
  url: string;
  tokens: string[];
  /** The latest group-commit counters the child printed. */
  stats: { batches: number; operations: number };
  exited: Promise<NodeJS.Signals | null>;
}

/** Starts the server child on `db` and resolves once it is listening. */
function serve(db: string): Promise<Served> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(import.meta.dirname, "test-fixtures", "crash-server.ts"), db],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on("exit", (_code, signal) => resolve(signal)),
  );
  return new Promise((resolve, reject) => {
    let served: Served | undefined;
    let buffer = "";
    child.stdout?.setEncoding("utf8");
    child.stdout?.on("data", (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) {
        if (line.startsWith("READY ")) {
          const { url, tokens } = JSON.parse(line.slice(6)) as { url: string; tokens: string[] };
          served = { child, url, tokens, stats: { batches: 0, operations: 0 }, exited };
          resolve(served);
        } else if (line.startsWith("STATS ") && served) {
          const [, batches, operations] = line.split(" ").map(Number);
          served.stats = { batches: batches ?? 0, operations: operations ?? 0 };
        }
      }
    });
    child.on("error", reject);
    void exited.then(() => {
      if (!served) reject(new Error("the server child exited before it was ready"));
    });
  });
}

interface Acks {
  writes: string[];
  /** The highest counter value each client was answered. */
  counts: number[];
}

/**
 * Eight clients write and invoke as fast as they are answered until `target` writes were
 * acknowledged in all, then the server is killed with SIGKILL mid-flight.
 */
async function loadAndKill(served: Served, target: number, round: number): Promise<Acks> {
  const acks: Acks = { writes: [], counts: [] };
  let killed = false;
  await Promise.all(
    served.tokens.map(async (token, c) => {
      const client = createClient({ url: served.url, token });
      for (let i = 0; !killed; i++) {
        const id = `r${round}-c${c}-${i}`;
        try {
          const w = await client.call("write", { id, content: { c, i } });
          if (w.success) acks.writes.push(id);
          const n = await client.call("invoke", { target: "counter", method: "inc", args: [] });
          if (n.success) acks.counts[c] = Math.max(acks.counts[c] ?? 0, n.result as number);
        } catch {
          return; // the server is gone
        }
        if (acks.writes.length >= target && !killed) {
          killed = true;
          served.child.kill("SIGKILL");
        }
      }
    }),
  );
  expect(await served.exited).toBe("SIGKILL");
  return acks;
}

describe("server crash safety under group commit", () => {
  it("keeps every acknowledged write and invoke of 8 concurrent clients across SIGKILL", async () => {
    const db = join(dir, "kernel.db");
    for (const [round, target] of [300, 600].entries()) {
      const served = await serve(db);
      expect(served.tokens).toHaveLength(CLIENTS);
      const acks = await loadAndKill(served, target, round);
      // Batches were in flight: the server grouped operations before it died.
      expect(served.stats.operations).toBeGreaterThan(served.stats.batches);
      const k = await createKernel({ storage: db });
      const missing = acks.writes.filter((id) => k.getArtifact(id) === undefined);
      expect(missing).toEqual([]);
      const count = (k.getArtifact("counter")?.state as { n?: number } | undefined)?.n ?? 0;
      expect(count).toBeGreaterThanOrEqual(Math.max(...acks.counts));
      expect(k.verifyLog()).toMatchObject({ ok: true });
      k.checkInvariants();
      k.close();
    }
  }, 180_000);
});
