import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devCli } from "../test-fixtures/dev-cli.js";
import { type KernelProcess, startKernelProcess } from "./kernel-process.js";

let workspace: string;
let kernel: KernelProcess;
const log: string[] = [];

beforeAll(async () => {
  workspace = mkdtempSync(join(tmpdir(), "ecology-vscode-dev-"));
  const started = await startKernelProcess(devCli(), workspace, 0, (line) => log.push(line));
  if (!started.ok) throw new Error(started.message);
  kernel = started.process;
});

afterAll(async () => {
  await kernel?.stop();
  rmSync(workspace, { recursive: true, force: true });
});

describe("startKernelProcess", () => {
  it("resolves with the URL ecology dev serves at, which answers JSON-RPC", async () => {
    expect(kernel.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const answer = await fetch(`${kernel.url}/rpc`, { method: "POST", body: "{}" });
    expect(answer.status).toBeGreaterThanOrEqual(400);
  });

  it("reports the CLI's own error when the port is taken", async () => {
    const port = Number(new URL(kernel.url).port);
    const second = await startKernelProcess(devCli(), workspace, port, () => undefined);
    expect(second.ok).toBe(false);
    expect(!second.ok && second.message).toMatch(/in use/);
  });

  it("reports a command that cannot run", async () => {
    const missing = await startKernelProcess(
      { command: "/nonexistent/ecology", args: [] },
      workspace,
      0,
      () => undefined,
    );
    expect(missing).toMatchObject({ ok: false });
  });
});

describe("KernelProcess.stop", () => {
  it("stops ecology dev cleanly", async () => {
    const started = await startKernelProcess(devCli(), workspace, 0, () => undefined);
    if (!started.ok) throw new Error(started.message);
    expect(await started.process.stop()).toBe(0);
    await expect(fetch(`${started.process.url}/rpc`, { method: "POST" })).rejects.toThrow();
  });
});
