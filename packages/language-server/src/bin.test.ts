import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const { version } = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as {
  version: string;
};

/** Runs the real bin (as the protocol tests start it) with `args` and no client attached. */
function runBin(...args: string[]) {
  const r = spawnSync(
    process.execPath,
    ["--import", "tsx", join(packageDir, "src", "bin.ts"), ...args],
    {
      cwd: packageDir,
      encoding: "utf8",
      input: "",
      timeout: 60_000,
    },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("ecology-language-server command line", () => {
  it("--help prints usage naming every transport and exits 0", () => {
    const r = runBin("--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: ecology-language-server --stdio");
    for (const flag of ["--node-ipc", "--socket=<port>", "--pipe=<name>", "--version"])
      expect(r.stdout).toContain(flag);
    expect(r.stderr).toBe("");
  });

  it("-h is --help", () => {
    expect(runBin("-h")).toMatchObject({ code: 0, stdout: runBin("--help").stdout });
  });

  it("--version prints the package version and exits 0", () => {
    const r = runBin("--version");
    expect(r).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("an unknown flag prints the usage on stderr and exits 2, even next to a transport", () => {
    for (const args of [["--bogus"], ["--stdio", "--bogus"], ["stdio"]]) {
      const r = runBin(...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`unknown argument ${args.at(-1)}`);
      expect(r.stderr).toContain("Usage: ecology-language-server");
      expect(r.stdout).toBe("");
    }
  });

  it("no transport at all is a usage error, not a crash", () => {
    const r = runBin();
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("choose a transport");
    expect(r.stderr).not.toContain("Connection input stream is not set");
  });
});
