import { readFileSync } from "node:fs";

/**
 * Milliseconds of CPU the main thread of process `pid` has used (Linux `/proc/<pid>/schedstat`,
 * nanosecond resolution). CPU time barely moves when other processes load the machine, unlike
 * wall time, so it estimates what an idle machine would show.
 */
export function cpuMs(pid: number): number {
  const [onCpu] = readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ");
  return Number(onCpu) / 1e6;
}
