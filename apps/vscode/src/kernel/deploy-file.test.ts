import { describe, expect, it } from "vitest";
import { resolveCli } from "./cli-command.js";
import { defaultArtifactId } from "./deploy-file.js";

describe("defaultArtifactId", () => {
  it("uses the file name, numbered when the id is taken", () => {
    expect(defaultArtifactId("/ws/src/pool.ts", new Set())).toBe("pool");
    expect(defaultArtifactId("/ws/src/pool.ts", new Set(["pool", "pool-2"]))).toBe("pool-3");
  });

  it("replaces characters ids may not hold", () => {
    expect(defaultArtifactId("C:\\ws\\my shop.ts", new Set())).toBe("my-shop");
  });
});

describe("resolveCli", () => {
  it("runs a configured .js file with node and anything else directly", () => {
    expect(resolveCli(" /x/bin.js ", "/ws", "/usr/bin/node")).toEqual({
      command: "/usr/bin/node",
      args: ["/x/bin.js"],
    });
    expect(resolveCli("/x/ecology", "/ws", "node")).toEqual({ command: "/x/ecology", args: [] });
  });

  it("falls back to ecology on the PATH when the workspace has no local one", () => {
    expect(resolveCli("", "/nonexistent-ws", "node")).toEqual({ command: "ecology", args: [] });
  });
});
