import { execFile, execFileSync } from "node:child_process";
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createKernel, type Kernel } from "@ecology/kernel";
import type { Envelope } from "@ecology/protocol";
import { createServer, type EcologyServer } from "@ecology/server";
import { type Browser, chromium } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type BundledServer, copyShippedServer, startBundledServer } from "./e2e/bundled-server.js";
import {
  type CodeServer,
  commandLine,
  descendants,
  freePort,
  installExtension,
  isRunning,
  startCodeServer,
} from "./e2e/code-server.js";
import { SLOW, Workbench } from "./e2e/workbench.js";
import { devCli } from "./test-fixtures/dev-cli.js";

// A real VS Code (code-server) in Debian's Chromium: install the freshly built .vsix, open a
// workspace made of the pool example plus a rule-breaking contract, and use the extension the
// way an author does. Screenshots of every step land in apps/vscode/test-artifacts/e2e/.
const app = fileURLToPath(new URL("..", import.meta.url));
const repo = join(app, "..", "..");
const artifacts = join(app, "test-artifacts", "e2e");
// Inside apps/vscode so `@ecology/sdk` resolves through apps/vscode/node_modules.
const home = join(app, "test-artifacts", "code-server-home");
const workspace = join(app, "test-artifacts", "workspace");

let server: CodeServer | undefined;
let browser: Browser | undefined;
let bench: Workbench;

function codeServerBinary(): string {
  const configured = process.env.ECOLOGY_CODE_SERVER;
  if (configured) return configured;
  return execFileSync("bash", [join(repo, ".ci", "install-editor.sh")], {
    encoding: "utf8",
  }).trim();
}

function prepareWorkspace(): void {
  rmSync(workspace, { recursive: true, force: true });
  mkdirSync(join(workspace, "src"), { recursive: true });
  copyFileSync(join(repo, "examples", "pool", "src", "pool.ts"), join(workspace, "src", "pool.ts"));
  cpSync(join(app, "src", "e2e", "workspace"), workspace, { recursive: true });
  writeFileSync(
    join(workspace, "package.json"),
    '{ "name": "e2e-workspace", "private": true, "type": "module" }\n',
  );
  // The CLI from source, so the test needs no build of it.
  const cli = devCli();
  const script = join(home, "ecology");
  const quoted = [cli.command, ...cli.args].map((a) => `'${a}'`).join(" ");
  writeFileSync(script, `#!/bin/sh\nexec ${quoted} "$@"\n`, { mode: 0o755 });
}

beforeAll(async () => {
  rmSync(artifacts, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
  mkdirSync(artifacts, { recursive: true });
  mkdirSync(home, { recursive: true });
  prepareWorkspace();
  await promisify(execFile)("pnpm", ["run", "package"], { cwd: app, timeout: SLOW });
  const vsix = join(app, "ecology-vscode.vsix");
  expect(existsSync(vsix)).toBe(true);
  const binary = codeServerBinary();
  expect(await installExtension(binary, home, vsix)).toMatch(/was successfully installed/);
  server = await startCodeServer(binary, home, workspace, {
    "ecology.cli.path": join(home, "ecology"),
    "ecology.kernel.port": await freePort(),
    "ecology.results.show": "both",
    "workbench.startupEditor": "none",
    "workbench.tips.enabled": false,
    "security.workspace.trust.enabled": false,
    "telemetry.telemetryLevel": "off",
    "extensions.autoCheckUpdates": false,
    "editor.codeLens": true,
    "git.enabled": false,
    "git.openRepositoryInParentFolders": "never",
  });
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  bench = new Workbench(page, artifacts);
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator(".monaco-workbench").waitFor({ timeout: SLOW });
}, 600_000);

afterEach(async (context) => {
  // What the workbench showed when a step failed is the first thing to look at.
  if (context.task.result?.state === "fail" && browser) await bench.screenshot("failed");
});

afterAll(async () => {
  // Normally the last test has stopped both; this covers a failure before it.
  await browser?.close();
  await server?.stop();
});

describe("the bundled language server, outside VS Code and the repository", () => {
  let folder: string;
  let root: string;
  let kernel: Kernel;
  let kernelServer: EcologyServer;
  let server: BundledServer;
  const deploy = (file: string, id: string) =>
    server.request<Envelope>("workspace/executeCommand", {
      command: "ecology.deploy",
      arguments: [{ file: join(root, "src", file), id }],
    });

  beforeAll(async () => {
    folder = copyShippedServer(join(app, "dist"));
    root = mkdtempSync(join(tmpdir(), "ecology-bundled-ws-"));
    mkdirSync(join(root, "node_modules", "@ecology"), { recursive: true });
    symlinkSync(join(repo, "packages", "sdk"), join(root, "node_modules", "@ecology", "sdk"));
    mkdirSync(join(root, "src"));
    copyFileSync(join(app, "src", "test-fixtures", "counter.ts"), join(root, "src", "counter.ts"));
    cpSync(
      join(app, "src", "e2e", "workspace", "src", "broken.ts"),
      join(root, "src", "broken.ts"),
    );
    const dir = join(root, ".ecology");
    kernel = await createKernel();
    kernelServer = await createServer({ kernel, dir, port: 0 });
    const operator = kernelServer.credentials.operatorToken();
    await kernelServer.dispatcher.call(operator, "createPrincipal", { id: "dev", scrip: 10 });
    server = await startBundledServer(folder, root, {
      kernel: { url: kernelServer.url, dir, principal: "dev" },
    });
  }, SLOW);

  afterAll(async () => {
    await server?.stop();
    await kernelServer?.close();
    await kernel?.close();
    rmSync(folder, { recursive: true, force: true });
    rmSync(root, { recursive: true, force: true });
  });

  it(
    "compiles with its own esbuild binary and TypeScript libs, and deploys",
    async () => {
      const envelope = await deploy("counter.ts", "counter");
      expect(envelope, JSON.stringify(envelope)).toMatchObject({ success: true });
      expect(kernel.getArtifact("counter")?.owner).toBe("dev");
    },
    SLOW,
  );

  it(
    "answers a compile error with its position in the workspace",
    async () => {
      const envelope = await deploy("broken.ts", "broken");
      expect(envelope).toMatchObject({
        success: false,
        error: {
          code: "invalid_argument",
          message: expect.stringMatching(/^src\/broken\.ts:6:\d+: Type 'number' is not assignable/),
          at: { file: "src/broken.ts", line: 6 },
        },
      });
      expect(kernel.getArtifact("broken")).toBeUndefined();
    },
    SLOW,
  );
});

describe("the extension in code-server", () => {
  it(
    "activates on a contract file and shows the local kernel as stopped",
    async () => {
      await bench.openFile("clock.ts");
      const status = bench.page.locator(".statusbar-item", { hasText: "Ecology: stopped" });
      await status.waitFor({ timeout: SLOW });
      await bench.screenshot("activated");
    },
    SLOW,
  );

  it(
    "shows a contract-rule diagnostic in Problems and clears it with the quick fix",
    async () => {
      await bench.runCommand("View: Focus Problems");
      const problem = bench.problem("Date.now() is not deterministic");
      await problem.waitFor({ timeout: SLOW });
      await bench.screenshot("diagnostic-in-problems");
      // Put the cursor inside the flagged call, then ask for the quick fixes there.
      const line = bench.page.locator(".monaco-editor .view-line", { hasText: "Date.now()" });
      await line.locator("span span", { hasText: /^now$/ }).first().click();
      const fix = bench.page.locator(".action-widget .monaco-list-row", { hasText: "Use ctx.now" });
      expect(await bench.openQuickFix(fix)).toBe(true);
      await bench.screenshot("quick-fix-offered");
      // The list focuses its first entry, the fix; Enter applies it (a click can race the
      // widget's entrance animation).
      await bench.page.keyboard.press("Enter");
      await bench.page.locator(".monaco-editor .view-line", { hasText: "ctx.now;" }).waitFor();
      await bench.page.keyboard.press("Control+S");
      await bench.page.locator(".tab.active.dirty").waitFor({ state: "detached", timeout: SLOW });
      await problem.waitFor({ state: "detached", timeout: SLOW });
      await bench.screenshot("diagnostic-fixed");
    },
    SLOW,
  );

  it(
    "hovers an invoke target and completes artifact ids",
    async () => {
      await bench.openFile("tipper.ts");
      const target = bench.page.locator(".view-line span span", { hasText: "genesis_ledger" });
      await target.first().hover();
      const hover = bench.page.locator(".monaco-hover", { hasText: "genesis artifact" });
      await hover.first().waitFor({ timeout: SLOW });
      await bench.screenshot("hover");
      await bench.page.keyboard.press("Escape");
      // Inside the target string, completion offers the artifact ids (genesis and workspace).
      await target.first().click();
      await bench.page.keyboard.press("Control+Space");
      const suggestion = bench.page.locator(".suggest-widget .monaco-list-row", {
        hasText: "genesis_store",
      });
      await suggestion.first().waitFor({ timeout: SLOW });
      await bench.screenshot("completion");
      await bench.page.keyboard.press("Escape");
      await suggestion.first().waitFor({ state: "hidden", timeout: SLOW });
      expect(await bench.page.locator(".tab.dirty").count()).toBe(0);
    },
    SLOW,
  );

  it(
    "starts the local kernel from the command palette",
    async () => {
      await bench.runCommand("Ecology: Start Local Kernel");
      await bench.page
        .locator(".statusbar-item", { hasText: "Ecology: running" })
        .waitFor({ timeout: SLOW });
      await bench.notification("local kernel running at").waitFor({ timeout: SLOW });
      await bench.screenshot("kernel-running");
    },
    SLOW,
  );

  it(
    "deploys the pool example from its Deploy code lens",
    async () => {
      await bench.openFile("pool.ts");
      await bench.codeLens("Deploy").click({ timeout: SLOW });
      await bench.notification("deploy pool →").waitFor({ timeout: SLOW });
      await bench.screenshot("deployed");
    },
    SLOW,
  );

  it(
    "runs a method from its Run code lens and shows the result",
    async () => {
      await bench.codeLens("Run ▶").click({ timeout: SLOW });
      await bench.answerInput("Ecology: scrip to attach", "10");
      const result = bench.notification("pool.join →");
      await result.waitFor({ timeout: SLOW });
      expect(await result.textContent()).toMatch(/price \d+, \d+ events/);
      await bench.screenshot("invoke-result");
    },
    SLOW,
  );

  it(
    "invokes from the palette: quick picks, argument boxes checked against the manifest, error path",
    async () => {
      await bench.runCommand("Ecology: Invoke Method");
      await bench.quickPickRow("pool").waitFor({ timeout: SLOW });
      await bench.answerInput("Ecology: artifact to invoke", "pool");
      await bench.quickPickRow("distribute").waitFor({ timeout: SLOW });
      await bench.answerInput("Ecology: method", "distribute");
      await bench.inputTitled("Ecology: distribute — amount").waitFor({ timeout: SLOW });
      const input = bench.page.locator(".quick-input-widget input");
      await input.fill("ten");
      const refusal = bench.page.locator(".quick-input-widget .quick-input-message", {
        hasText: "not JSON",
      });
      await refusal.waitFor({ timeout: SLOW });
      await bench.screenshot("argument-refused");
      await bench.answerInput("Ecology: distribute — amount", "4");
      await bench.answerInput("Ecology: scrip to attach", "");
      // The pool has no revenue to distribute: the refusal is shown with its invoke path.
      await bench.notification("pool.distribute failed").waitFor({ timeout: SLOW });
      const path = bench.page.locator(".view-line", { hasText: "path: pool.distribute" });
      await path.waitFor({ timeout: SLOW });
      await bench.screenshot("palette-invoke-refused");
    },
    SLOW,
  );

  it(
    "lists the new events in the Events view",
    async () => {
      await bench.runCommand("Ecology: Show Events");
      await bench.viewRow("Events", "contract.pool.joined").waitFor({ timeout: SLOW });
      await bench.viewRow("Artifacts", "pool").waitFor({ timeout: SLOW });
      await bench.viewRow("Balances", "dev").waitFor({ timeout: SLOW });
      await bench.screenshot("events-view");
    },
    SLOW,
  );
});

describe("a contract that does not compile", () => {
  it(
    "is reported by Deploy Contract in a notification and in Problems at its line, until edited",
    async () => {
      await bench.openFile("broken.ts");
      await bench.runCommand("Ecology: Deploy Contract");
      await bench.notification("deploy broken failed").waitFor({ timeout: SLOW });
      await bench.runCommand("View: Focus Problems");
      const problem = bench.problem("ecology deploy");
      await problem.waitFor({ timeout: SLOW });
      expect(await problem.textContent()).toMatch(/not assignable to type 'string'.*Ln 6/);
      await bench.screenshot("deploy-compile-error");
      // An edit makes the deploy's errors stale: they leave Problems (the type checker's stay).
      await bench.page.locator(".monaco-editor .view-line", { hasText: "n / 2" }).click();
      await bench.page.keyboard.press("End");
      await bench.page.keyboard.type(" ");
      await problem.waitFor({ state: "detached", timeout: SLOW });
    },
    SLOW,
  );
});

describe("stopping code-server", () => {
  it(
    "ends code-server, its file watcher and everything the extension started",
    async () => {
      if (!server) throw new Error("code-server did not start");
      const pids = [server.pid, ...descendants(server.pid)];
      const watcher = pids.filter((pid) => commandLine(pid).includes("--type=fileWatcher"));
      expect(watcher.length).toBeGreaterThan(0);
      await browser?.close();
      browser = undefined;
      await server.stop();
      server = undefined;
      expect(pids.filter(isRunning)).toEqual([]);
    },
    SLOW,
  );
});
