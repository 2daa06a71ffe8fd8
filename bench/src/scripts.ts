import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseBenchJson } from "./bench-json.js";
import type { ReportSection, SkippedSection } from "./render/markdown.js";

/** The repository root (this package lives in `<root>/bench`). */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const TSX = join(ROOT, "node_modules", ".bin", "tsx");
const TIMEOUT_MS = 30 * 60_000;

/** A bench script of another package that prints a BenchJson with `--json`. */
export interface JsonScript {
  title: string;
  /** Path from the repository root. */
  file: string;
  /** Working directory from the repository root (the script's package). */
  cwd: string;
}

/** The scripts `pnpm bench:report` embeds, each as a section of its own. */
export const JSON_SCRIPTS: readonly JsonScript[] = [
  {
    title: "Composition overhead: an invoke beside the sum of its parts",
    file: "packages/kernel/bench/composition.ts",
    cwd: "packages/kernel",
  },
  {
    title: "Group commit in the server",
    file: "packages/server/bench/group-commit.ts",
    cwd: "packages/server",
  },
];

/**
 * Runs `tsx <file> <args…>` in `cwd`, passing its stderr through to ours (progress) and
 * resolving with its stdout. Rejects with an `Error` naming the exit code or signal and the last
 * lines of its stderr when it fails or runs past 30 minutes.
 *
 * @example
 * ```ts
 * const stdout = await runTsx("bench/src/run-suite.ts", ["peers", "--json"], ROOT);
 * ```
 */
export function runTsx(file: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [file, ...args], {
      cwd,
      stdio: ["ignore", "pipe", "pipe"],
      timeout: TIMEOUT_MS,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
      process.stderr.write(chunk);
    });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code === 0) return resolve(stdout);
      const tail = stderr.trim().split("\n").slice(-3).join(" / ");
      reject(new Error(`exited with ${signal ?? `code ${code}`}${tail ? `: ${tail}` : ""}`));
    });
  });
}

/**
 * Runs one JSON bench script with `--json` and returns its report section, or — when the file
 * does not exist, the script fails, or it prints no well-formed BenchJson — a skipped entry
 * saying why. Never rejects.
 *
 * @example
 * ```ts
 * const done = await runJsonScript(JSON_SCRIPTS[0], ROOT);
 * if ("reason" in done) console.error(done.reason);
 * ```
 */
export async function runJsonScript(
  script: JsonScript,
  root = ROOT,
): Promise<ReportSection | SkippedSection> {
  const path = join(root, script.file);
  const skipped = (reason: string) => ({ title: script.title, source: script.file, reason });
  if (!existsSync(path)) return skipped("the script does not exist in this commit.");
  try {
    const stdout = await runTsx(path, ["--json"], join(root, script.cwd));
    return { json: parseBenchJson(stdout), source: `tsx ${script.file} --json` };
  } catch (error) {
    return skipped(`it failed: ${(error as Error).message}`);
  }
}
