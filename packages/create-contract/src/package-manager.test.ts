import { describe, expect, it } from "vitest";
import { detectPackageManager } from "./package-manager.js";

describe("detectPackageManager", () => {
  it("follows the package manager that launched the command, npm otherwise", () => {
    expect(detectPackageManager("pnpm/10.34.9 npm/? node/v20.20.2 linux x64")).toBe("pnpm");
    expect(detectPackageManager("npm/11.19.1 node/v20.20.2 linux x64 workspaces/false")).toBe(
      "npm",
    );
    expect(detectPackageManager("yarn/4.0.0 npm/? node/v20")).toBe("npm");
    expect(detectPackageManager("")).toBe("npm");
  });
});
