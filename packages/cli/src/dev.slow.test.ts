import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createClient } from "@ecology/protocol";
import { describe, expect, it } from "vitest";
import { RECORDER } from "./test-fixtures/recorder.js";
import { freshDir, runProcess, startDev } from "./test-fixtures/run.js";

const CLIENTS = 8;
const KILL_AFTER = 1_500;

describe("ecology dev killed with SIGKILL mid-load", () => {
  it("loses no acknowledged transaction and conserves scrip after a restart", async () => {
    const cwd = freshDir();
    expect((await runProcess(cwd, "init")).code).toBe(0);
    for (const id of ["owner", ...Array.from({ length: CLIENTS }, (_, i) => `client${i}`)]) {
      expect((await runProcess(cwd, "principal", "create", id, "--scrip", "100000")).code).toBe(0);
    }
    const token = (name: string) =>
      readFileSync(join(cwd, ".ecology", "tokens", `${name}.token`), "utf8").trim();
    const dev = await startDev(cwd);
    const owner = createClient({ url: dev.url, token: token("owner") });
    await owner.call("deploy", { id: "recorder", code: RECORDER, policy: { invokePrice: 1 } });

    const acknowledged: string[] = [];
    let killing: Promise<void> | undefined;
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        const client = createClient({ url: dev.url, token: token(`client${c}`) });
        for (let i = 0; ; i++) {
          const tag = `c${c}-${i}`;
          const out = await client.call("invoke", {
            target: "recorder",
            method: "record",
            args: [tag],
          });
          // A refusal before the method ran (details.rpcError): the server is gone.
          if (!out.success && out.error.details?.rpcError !== undefined) return;
          if (out.success) acknowledged.push(tag);
          // Kill once enough work is acknowledged, while the other clients are mid-request.
          if (acknowledged.length >= KILL_AFTER) killing ??= dev.kill();
        }
      }),
    );
    await killing;
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);

    const again = await startDev(cwd);
    try {
      const op = createClient({
        url: again.url,
        token: readFileSync(join(cwd, ".ecology", "operator.token"), "utf8").trim(),
      });
      const logged = new Set<string>();
      let after = 0;
      for (;;) {
        const page = await op.call("events", { after, limit: 1000, types: ["contract.recorded"] });
        if (!page.success) throw new Error("events failed");
        for (const e of page.result.events) logged.add(String(e.data.tag));
        if (page.result.next === null) break;
        after = page.result.next;
      }
      expect(acknowledged.filter((tag) => !logged.has(tag))).toEqual([]);
      const balances = await op.call("balances", {});
      const minted = await op.call("totalMinted", {});
      if (!balances.success || !minted.success) throw new Error("views failed");
      const sum = Object.values(balances.result).reduce((a, b) => a + b, 0);
      expect(sum).toBe(minted.result);
      // Every logged record paid exactly one scrip to the owner: nothing half-applied.
      expect(balances.result.owner).toBe(100_000 + logged.size);
      expect(await op.call("verifyLog", {})).toMatchObject({ success: true, result: { ok: true } });
    } finally {
      await again.stop();
    }
  }, 300_000);
});
