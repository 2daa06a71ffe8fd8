import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCooperativeStory } from "./story.js";

describe("the pnpm demo story", () => {
  it("runs end to end on a kernel file and narrates who paid whom", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "ecology-demo-")), "demo.db");
    const lines: string[] = [];
    const kernel = await runCooperativeStory(path, (line) => lines.push(line));
    const text = lines.join("\n");
    expect(text).toContain("💸 ana → coop: 60 scrip (attached value)");
    expect(text).toContain("💸 coop → ben: 5 scrip (paid out by the contract)");
    expect(text).toContain("📝 contract.proposal.executed");
    expect(text).toContain("✗ refused (not_authorized): only pool members can withdraw");
    expect(text).toContain(
      "balances: ana 49 · ben 75 · cy 101 · customer 77 · stranger 10 · coop 98",
    );
    expect(text).toContain("scrip minted 410, sum of all balances 410");
    expect(text).toMatch(/event log: \d+ events, hash chain verified/);
    kernel.close();
  });

  it("starts over from a fresh file on every run", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "ecology-demo-")), "demo.db");
    (await runCooperativeStory(path, () => undefined)).close();
    const lines: string[] = [];
    const again = await runCooperativeStory(path, (line) => lines.push(line));
    expect(again.balance("coop")).toBe(98);
    expect(again.totalMinted()).toBe(410);
    again.close();
  });
});
