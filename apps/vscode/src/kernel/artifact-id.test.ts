import { isValidId } from "@ecology/protocol";
import { describe, expect, it } from "vitest";
import { defaultArtifactId } from "./artifact-id.js";

describe("defaultArtifactId", () => {
  it("uses the file name, numbered when the id is taken", () => {
    expect(defaultArtifactId("/ws/src/pool.ts", new Set())).toBe("pool");
    expect(defaultArtifactId("/ws/src/pool.ts", new Set(["pool", "pool-2"]))).toBe("pool-3");
  });

  it("replaces characters ids may not hold, so the kernel accepts the id", () => {
    const id = defaultArtifactId("C:\\ws\\my shop+v2.ts", new Set());
    expect(id).toBe("my-shop-v2");
    expect(isValidId(id)).toBe(true);
  });
});
