import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callTool, ECHO_SOURCE } from "./test-fixtures/mcp-clients.js";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
/** What `@ecology/cli` installs from the registry, in build order. */
const PACKAGES = ["protocol", "runtime", "kernel", "sdk", "simulate", "server", "mcp", "cli"];

function run(command: string, args: string[], cwd: string): string {
  const r = spawnSync(command, args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0)
    throw new Error(`${command} ${args.join(" ")} exited ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Builds and packs the packages, installs @ecology/cli from the tarballs into a scratch folder. */
function installPacked(work: string): string {
  run("pnpm", [...PACKAGES.flatMap((p) => ["--filter", `@ecology/${p}`]), "run", "build"], REPO);
  const tarballs = join(work, "tarballs");
  mkdirSync(tarballs);
  for (const p of PACKAGES)
    run("pnpm", ["pack", "--pack-destination", tarballs], join(REPO, "packages", p));
  const spec = Object.fromEntries(
    readdirSync(tarballs).map((file) => {
      const name = PACKAGES.find((p) => file.startsWith(`ecology-${p}-`));
      return [`@ecology/${name}`, `file:${join(tarballs, file)}`];
    }),
  );
  const project = join(work, "project");
  mkdirSync(project);
  const pkg = {
    private: true,
    dependencies: { "@ecology/cli": spec["@ecology/cli"] },
    pnpm: { overrides: spec, onlyBuiltDependencies: ["better-sqlite3", "esbuild"] },
  };
  writeFileSync(join(project, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
  run("pnpm", ["install", "--prefer-offline", "--config.confirmModulesPurge=false"], project);
  return project;
}

describe("ecology mcp installed from the packed tarballs", () => {
  let work: string;
  let project: string;
  let client: Client;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "ecology-mcp-packed-"));
    project = installPacked(work);
    const ecology = join(project, "node_modules", ".bin", "ecology");
    run(ecology, ["init"], project);
    run(ecology, ["principal", "create", "alice", "--scrip", "50"], project);
    client = new Client({ name: "packed-test", version: "1.0.0" });
    await client.connect(
      new StdioClientTransport({ command: ecology, args: ["mcp", "--as", "alice"], cwd: project }),
    );
  }, 900_000);
  afterAll(async () => {
    await client?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("lists the tools and deploys TypeScript source with the installed SDK", async () => {
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining(["discover", "invoke", "deploy_typescript", "escrow_purchase"]),
    );
    expect(names).not.toContain("mint");
    const deployed = await callTool(client, "deploy_typescript", {
      source: ECHO_SOURCE,
      id: "echo",
    });
    expect(deployed).toMatchObject({ success: true, result: { id: "echo" } });
    const echoed = await callTool(client, "invoke", {
      target: "echo",
      method: "label",
      args: ["a", 1],
    });
    expect(echoed).toMatchObject({ success: true, result: { name: "a", count: 1 } });
  }, 120_000);
});
