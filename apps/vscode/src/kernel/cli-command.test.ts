import { describe, expect, it } from "vitest";
import { resolveCli } from "./cli-command.js";

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
