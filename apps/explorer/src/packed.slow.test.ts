// A user who installs the published `ecology` CLI gets the explorer: the CLI and its @ecology
// dependencies are packed (as `pnpm publish` would), installed from the tarballs with npm in a
// scratch folder outside the repository, and the installed `ecology dev` serves the built app.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { startDev } from "./test-fixtures/dev-process.js";

const repo = fileURLToPath(new URL("../../../", import.meta.url));
const PACKED = ["protocol", "runtime", "kernel", "sdk", "simulate", "server", "mcp", "cli"];

function sh(command: string, args: string[], cwd: string, env = process.env): string {
  const r = spawnSync(command, args, { cwd, env, encoding: "utf8", maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${command} ${args.join(" ")}: ${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** The environment of a user: without what pnpm and vitest put in a script's environment. */
function userEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(npm_|pnpm_|VITEST|NODE_OPTIONS)/i.test(k)),
  );
  return { ...env, ...extra };
}

/** Offers the workspace's compiled SQLite addon as a local prebuild, so npm does not compile it. */
function sqlitePrebuild(dir: string): NodeJS.ProcessEnv {
  const store = join(repo, "node_modules", ".pnpm");
  const entry = readdirSync(store).find((d) => d.startsWith("better-sqlite3@"));
  const addon = join(store, entry ?? "", "node_modules", "better-sqlite3");
  const { version } = JSON.parse(readFileSync(join(addon, "package.json"), "utf8"));
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  sh("tar", ["-czf", join(dir, name), "build/Release/better_sqlite3.node"], addon);
  return { npm_config_better_sqlite3_local_prebuilds: dir };
}

// Left in the system's temp folder after the run, for inspection when it fails.
const work = mkdtempSync(join(tmpdir(), "eco-explorer-packed-"));

describe("the published CLI", () => {
  it("serves the built explorer from its installed tarballs", { timeout: 600_000 }, async () => {
    sh("pnpm", ["turbo", "run", "build", "--filter=@ecology/cli..."], repo);
    const tarballs = join(work, "tarballs");
    mkdirSync(tarballs);
    for (const p of PACKED)
      sh("pnpm", ["pack", "--pack-destination", tarballs], join(repo, "packages", p));
    const files = readdirSync(tarballs);
    const spec = (p: string) =>
      `file:${join(tarballs, files.find((f) => f.startsWith(`ecology-${p}-`)) ?? "")}`;
    const server = spec("server").slice("file:".length);
    expect(sh("tar", ["-tzf", server], work)).toMatch(
      /package\/dist\/explorer\/assets\/explorer\.js/,
    );

    const project = join(work, "project");
    mkdirSync(project);
    const overrides = Object.fromEntries(PACKED.map((p) => [`@ecology/${p}`, spec(p)]));
    const pkg = { private: true, dependencies: { "@ecology/cli": spec("cli") }, overrides };
    writeFileSync(join(project, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
    const prebuilds = join(work, "prebuilds");
    mkdirSync(prebuilds);
    const env = userEnv({ npm_config_prefer_offline: "true", ...sqlitePrebuild(prebuilds) });
    sh("npm", ["install", "--no-audit", "--no-fund"], project, env);

    const bin = join(project, "node_modules", ".bin", "ecology");
    const dev = await startDev(project, [bin]);
    try {
      const built = new URL("../dist/", import.meta.url);
      const page = await fetch(`${dev.url}/`);
      expect(page.headers.get("x-frame-options")).toBe("DENY");
      expect(await page.text()).toBe(readFileSync(new URL("index.html", built), "utf8"));
      const script = await fetch(`${dev.url}/assets/explorer.js`);
      expect(await script.text()).toBe(readFileSync(new URL("assets/explorer.js", built), "utf8"));
      const token = dev.explorer.split("#token=")[1];
      expect(readFileSync(join(project, ".ecology", "viewer.token"), "utf8").trim()).toBe(token);
    } finally {
      expect(await dev.stop()).toBe(0);
    }
  });
});
