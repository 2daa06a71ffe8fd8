import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { createRuntime } from "./runtime.js";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const sandboxSources = join(packageDir, "src", "sandbox-js");
const sandboxBuilt = join(packageDir, "dist", "sandbox-js");

/** A program touching every sandbox file: host calls, bounded JSON, Math.random, a throw. */
const PROGRAM = `module.exports.mix = (input, host) => {
  const rolls = [Math.random(), Math.random()];
  const text = JSON.stringify({ rolls, tags: [1, [2, [3]]].flat(2), echo: host.echo(input) });
  return { parsed: JSON.parse(text), padded: "x".padStart(20, "-") };
};
module.exports.fail = () => { JSON.stringify({ big: 1n }); };`;

/**
 * Loads the runtime from `entry`, runs both entries of {@link PROGRAM} and prints the results
 * as JSON: the same script runs in a plain Node process against the build.
 */
const SCRIPT = `const { createRuntime } = await import(process.argv[1]);
const runtime = await createRuntime();
const program = runtime.load({ id: "dist-check", code: ${JSON.stringify(PROGRAM)} });
const options = { seed: "tx-9:1", host: { echo: (v) => v } };
const results = [program.run("mix", { a: [1, 2] }, options), program.run("fail", null)];
runtime.dispose();
process.stdout.write(JSON.stringify(results));`;

async function runFromSource(): Promise<unknown> {
  const runtime = await createRuntime();
  const program = runtime.load({ id: "dist-check", code: PROGRAM });
  const options = { seed: "tx-9:1", host: { echo: (v: unknown) => v as never } };
  const results = [program.run("mix", { a: [1, 2] }, options), program.run("fail", null)];
  runtime.dispose();
  return JSON.parse(JSON.stringify(results));
}

describe("the built package", () => {
  beforeAll(() => {
    // What an earlier build left must not stand in for what this build copies.
    rmSync(sandboxBuilt, { recursive: true, force: true });
    const build = spawnSync("pnpm", ["run", "build"], { cwd: packageDir, encoding: "utf8" });
    expect(build.status, build.stderr + build.stdout).toBe(0);
  }, 120_000);

  it("ships the sandbox's JavaScript byte for byte, and nothing else of that folder", () => {
    const sources = readdirSync(sandboxSources).filter((name) => name.endsWith(".js"));
    expect(sources.length).toBeGreaterThanOrEqual(4);
    expect(readdirSync(sandboxBuilt).sort()).toEqual(sources.sort());
    for (const name of sources) {
      expect(readFileSync(join(sandboxBuilt, name), "utf8")).toBe(
        readFileSync(join(sandboxSources, name), "utf8"),
      );
    }
  });

  it("runs a program from dist in plain Node with the same results and units as from src", async () => {
    const entry = pathToFileURL(join(packageDir, "dist", "index.js")).href;
    const node = spawnSync(process.execPath, ["--input-type=module", "-e", SCRIPT, entry], {
      cwd: packageDir,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(node.status, node.stderr).toBe(0);
    const fromDist = JSON.parse(node.stdout) as unknown;
    expect(fromDist).toEqual(await runFromSource());
    expect(fromDist).toMatchObject([
      { ok: true, value: { padded: "-------------------x" } },
      { ok: false, error: { code: "thrown", value: { name: "TypeError" } } },
    ]);
  });
});
