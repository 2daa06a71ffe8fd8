import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BearerProxy, startBearerProxy } from "./test-fixtures/bearer-proxy.js";
import { type DevProcess, freshDir, runInProcess, startDev } from "./test-fixtures/run.js";

/**
 * The scenarios of the MCP conformance suite (@modelcontextprotocol/conformance 0.1.13, the last
 * release that runs on Node 20: 0.1.14+ call fs.globSync, Node 22) that test the protocol rather
 * than the suite's own fixture tools, resources and prompts (ADR 0039 lists the rest and why).
 */
const SCENARIOS = [
  "server-initialize",
  "ping",
  "tools-list",
  "server-sse-multiple-streams",
  "dns-rebinding-protection",
];

const CONFORMANCE = join(
  dirname(createRequire(import.meta.url).resolve("@modelcontextprotocol/conformance/package.json")),
  "dist",
  "index.js",
);

function conformance(url: string, scenario: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CONFORMANCE, "server", "--url", url, "--scenario", scenario],
      { timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? Number((error as { code?: number }).code ?? 1) : 0;
        resolve({ code, output: stdout + stderr });
      },
    );
  });
}

describe("/mcp against the MCP conformance suite", () => {
  let dev: DevProcess;
  let proxy: BearerProxy;
  beforeAll(async () => {
    const cwd = freshDir();
    await runInProcess(cwd, "init");
    await runInProcess(cwd, "principal", "create", "alice", "--scrip", "10");
    dev = await startDev(cwd);
    // The runner cannot send a bearer token; the proxy adds alice's, as a configured client would.
    const token = readFileSync(join(cwd, ".ecology", "tokens", "alice.token"), "utf8").trim();
    proxy = await startBearerProxy(dev.url, token);
  });
  afterAll(async () => {
    await proxy?.close();
    await dev?.stop();
  });

  it.each(SCENARIOS)(
    "passes %s",
    async (scenario) => {
      const run = await conformance(`${proxy.url}/mcp`, scenario);
      expect(run.output).toMatch(/Passed: (\d+)\/\1, 0 failed/);
      expect(run.code, run.output).toBe(0);
    },
    90_000,
  );
});
