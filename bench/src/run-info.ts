import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** Files the report itself writes: regenerating them does not make the measured code dirty. */
const OUTPUTS = /^(docs\/performance\.md|docs\/images\/perf-[^/]+\.svg)$/;

/**
 * The commit being measured (12 hex digits) and whether the work tree differs from it in
 * anything but the report's own outputs. Throws when `root` is not a git work tree.
 *
 * @example
 * ```ts
 * const { commit, dirty } = gitState("/work/main");
 * ```
 */
export function gitState(root: string): { commit: string; dirty: boolean } {
  const git = (...args: string[]) => execFileSync("git", args, { cwd: root, encoding: "utf8" });
  const commit = git("rev-parse", "--short=12", "HEAD").trim();
  const changed = git("status", "--porcelain")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => line.slice(3));
  return { commit, dirty: changed.some((path) => !OUTPUTS.test(path)) };
}

function clockTicksPerSecond(): number {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
}

/**
 * CPU seconds (user + system) of this process plus every child process it has waited for,
 * read from /proc/self/stat (Linux). `undefined` where /proc is not there. Children's time
 * counts once they have exited, grandchildren included once their parent reaped them.
 *
 * @example
 * ```ts
 * const before = cpuSecondsWithChildren();
 * ```
 */
export function cpuSecondsWithChildren(): number | undefined {
  let stat: string;
  try {
    stat = readFileSync("/proc/self/stat", "utf8");
  } catch {
    return undefined;
  }
  // Fields after the command name (which may contain spaces) start at field 3, "state".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
  return ticks / clockTicksPerSecond();
}
