import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cpuSecondsWithChildren, gitState } from "./run-info.js";

describe("cpuSecondsWithChildren", () => {
  it("counts the CPU time of a child process once it has exited", () => {
    const before = cpuSecondsWithChildren();
    expect(before).toBeTypeOf("number");
    // The child spins until it has used 300 ms of CPU, however loaded the machine is.
    const child = spawnSync(process.execPath, [
      "-e",
      "while (process.cpuUsage().user < 300000) {}",
    ]);
    expect(child.status).toBe(0);
    expect((cpuSecondsWithChildren() as number) - (before as number)).toBeGreaterThanOrEqual(0.25);
  });
});

describe("gitState", () => {
  it("names the checked-out commit", () => {
    const { commit, dirty } = gitState(fileURLToPath(new URL("../..", import.meta.url)));
    expect(commit).toMatch(/^[0-9a-f]{12}$/);
    expect(dirty).toBeTypeOf("boolean");
  });
});
