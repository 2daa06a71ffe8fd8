import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { explorerUrl, txOf } from "./explorer-url.js";

describe("explorerUrl", () => {
  it("signs in with the viewer token and opens the transaction", () => {
    const dir = mkdtempSync(join(tmpdir(), "eco-vsx-"));
    writeFileSync(join(dir, "viewer.token"), "ecology_view_abc\n");
    expect(explorerUrl("http://127.0.0.1:7420/", dir, "tx12")).toBe(
      "http://127.0.0.1:7420/#token=ecology_view_abc&to=%2Ftx%2Ftx12",
    );
    expect(explorerUrl("http://127.0.0.1:7420", dir)).toBe(
      "http://127.0.0.1:7420/#token=ecology_view_abc",
    );
  });

  it("is undefined without a viewer token", () => {
    expect(
      explorerUrl("http://127.0.0.1:7420", mkdtempSync(join(tmpdir(), "eco-vsx-"))),
    ).toBeUndefined();
  });

  it("finds a successful envelope's transaction", () => {
    expect(txOf({ success: true, events: [{ tx: "tx9" }] })).toBe("tx9");
    expect(txOf({ success: false })).toBeUndefined();
  });
});
