import { describe, expect, it } from "vitest";
import { parseOptions } from "./parse-options.js";

describe("parseOptions", () => {
  it("reads the directory and every flag", () => {
    const r = parseOptions([
      "app",
      "-t",
      "pool",
      "--package-manager",
      "pnpm",
      "--no-install",
      "-y",
    ]);
    expect(r).toEqual({
      ok: true,
      options: {
        dir: "app",
        template: "pool",
        packageManager: "pnpm",
        install: false,
        yes: true,
        force: false,
        help: false,
        version: false,
      },
    });
  });

  it("leaves unset what was not given, so prompts can ask for it", () => {
    const r = parseOptions([]);
    expect(r.ok && r.options).toEqual({ yes: false, force: false, help: false, version: false });
  });

  it("refuses an unknown template and lists the valid ones", () => {
    const r = parseOptions(["--template", "lottery"]);
    expect(r.ok ? "" : r.message).toMatch(/unknown template "lottery".*blank, escrow/);
  });

  it("refuses an unsupported package manager, an unknown flag and two directories", () => {
    expect(parseOptions(["-p", "yarn"]).ok).toBe(false);
    const unknown = parseOptions(["--wat"]);
    expect(unknown.ok ? "" : unknown.message).toMatch(/--wat/);
    const two = parseOptions(["a", "b"]);
    expect(two.ok ? "" : two.message).toMatch(/one directory/);
  });
});
