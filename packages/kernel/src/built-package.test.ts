import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { DISPATCHER_SOURCE } from "./invoke/dispatcher.js";
import type { SqliteStorage } from "./storage/sqlite-storage.js";
import { contract } from "./test-fixtures/contracts.js";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");

const LOTTERY = contract(
  `module.exports = { default: { methods: {
    draw(ctx) { var r = ctx.random(); ctx.emit("drawn", { r: r }); return [r, ctx.random()]; },
    fail(ctx) { ctx.fail("invalid_state", "closed"); },
  } } };`,
  { methods: { draw: 0, fail: 0 } },
);

describe("the built package", () => {
  it("runs contracts from dist, where the build copied the dispatcher and the checkpoint worker", async () => {
    // The package's own build script, as `pnpm --filter @ecology/kernel build` runs it.
    const built = spawnSync("pnpm", ["run", "build"], { cwd: packageDir, encoding: "utf8" });
    expect(built.status, built.stderr || built.stdout).toBe(0);
    const copied = join(packageDir, "dist", "invoke", "sandbox", "dispatcher.js");
    expect(existsSync(copied)).toBe(true);
    expect(readFileSync(copied, "utf8")).toBe(DISPATCHER_SOURCE);

    const dist = (await import(
      pathToFileURL(join(packageDir, "dist", "index.js")).href
    )) as typeof import("./index.js");
    const k = await dist.createKernel({ clock: () => 1_700_000_000_000 });
    k.createPrincipal("alice", { scrip: 10 });
    expect(k.deploy("alice", { id: "lottery", code: LOTTERY })).toMatchObject({ success: true });
    const drawn = k.invoke("alice", "lottery", "draw", []);
    expect(drawn).toMatchObject({ success: true, events: [{ type: "contract.drawn" }, {}] });
    const [r1, r2] = drawn.success ? (drawn.result as number[]) : [];
    expect(r1).not.toBe(r2);
    expect(k.invoke("alice", "lottery", "fail", [])).toMatchObject({
      success: false,
      error: { code: "invalid_state", message: "closed" },
    });
    k.checkInvariants();
    k.close();

    // A file's checkpoints run in the worker the build copied next to the storage (ADR 0045).
    expect(existsSync(join(packageDir, "dist", "storage", "checkpoint-worker.js"))).toBe(true);
    const sqlite = (await import(
      pathToFileURL(join(packageDir, "dist", "storage", "sqlite.js")).href
    )) as typeof import("./storage/sqlite.js");
    const dir = mkdtempSync(join(tmpdir(), "ecology-built-"));
    const s = sqlite.openSqliteStorage(join(dir, "k.db")) as SqliteStorage;
    s.atomic(
      () => s.insertPrincipal("alice", 0),
      () => true,
    );
    await vi.waitFor(() => expect(s.checkpoints?.completed).toBe(1), {
      timeout: 20_000,
      interval: 20,
    });
    expect(s.checkpoints).toMatchObject({ inline: 0 });
    s.close();
    rmSync(dir, { recursive: true, force: true });
  }, 180_000);
});
