import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devCli } from "../test-fixtures/dev-cli.js";
import { deployFile } from "./deploy-file.js";
import { type KernelProcess, startKernelProcess } from "./kernel-process.js";
import { openKernelSession } from "./kernel-session.js";

// Slow: every deploy runs the CLI, which loads TypeScript to compile the contract (10-20 s here).
const counterFile = fileURLToPath(new URL("../test-fixtures/counter.ts", import.meta.url));
let workspace: string;
let kernel: KernelProcess;

beforeAll(async () => {
  workspace = mkdtempSync(join(tmpdir(), "ecology-vscode-deploy-"));
  const started = await startKernelProcess(devCli(), workspace, 0, () => undefined);
  if (!started.ok) throw new Error(started.message);
  kernel = started.process;
});

afterAll(async () => {
  await kernel?.stop();
  rmSync(workspace, { recursive: true, force: true });
});

describe("deployFile", () => {
  it("deploys a contract file through the CLI against the running kernel", async () => {
    const opened = await openKernelSession({
      url: kernel.url,
      workspace,
      principal: "dev",
      scrip: 100,
    });
    if (!opened.ok) throw new Error(opened.message);
    const request = {
      file: counterFile,
      id: "counter",
      url: kernel.url,
      principal: "dev",
      workspace,
    };
    const envelope = await deployFile(devCli(), request);
    expect(envelope).toMatchObject({ success: true });
    expect(await opened.value.invoke("counter", "add", [2])).toMatchObject({
      success: true,
      result: 2,
    });
    const again = await deployFile(devCli(), request);
    expect(again.success).toBe(false);
    opened.value.close();
  }, 120_000);
});
