import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { describe, expect, it } from "vitest";

/** Runs `pnpm demo` as a newcomer does (`tsx scripts/demo.ts`), in a fresh folder. */
function runDemo(): { code: number | null; out: string; cwd: string } {
  const cwd = mkdtempSync(join(tmpdir(), "ecology-demo-"));
  // `pnpm demo` is `tsx scripts/demo.ts`: the same binary, from the repository's node_modules.
  const tsx = join(import.meta.dirname, "..", "node_modules", ".bin", "tsx");
  const r = spawnSync(tsx, [join(import.meta.dirname, "demo.ts")], {
    cwd,
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: r.status, out: stripVTControlCharacters(`${r.stdout}${r.stderr}`), cwd };
}

describe("pnpm demo", () => {
  const { code, out } = runDemo();
  const lines = out.split("\n");
  const indexOf = (text: string) => lines.findIndex((line) => line.includes(text));

  it("exits 0", () => {
    expect(code, out).toBe(0);
  });

  it("trades an artifact through genesis_escrow: deposit, then an atomic purchase", () => {
    expect(out).toContain("(Pattern 1)");
    expect(out).toContain('sam calls genesis_escrow.deposit("parser", 40)');
    expect(out).toContain("📦 parser changes hands: sam → genesis_escrow");
    expect(out).toMatch(/sam tries to rewrite "parser" .*\n\s+✗ refused \(not_authorized\)/);
    expect(out).toContain('bea calls genesis_escrow.purchase("parser")');
    expect(out).toContain("💸 bea → sam: 40 scrip (purchase parser)");
    expect(out).toContain("📦 parser changes hands: genesis_escrow → bea");
    expect(out).toContain("📝 escrow.purchased");
    expect(out).toContain("parser is owned by bea\n   balances: sam 140 · bea 160");
    expect(indexOf("genesis_escrow.deposit")).toBeLessThan(indexOf("genesis_escrow.purchase"));
  });

  it("guards an artifact with a gatekeeper that admits, refuses, and cannot be bypassed", () => {
    expect(out).toContain("(Pattern 5)");
    expect(out).toMatch(/bea calls gatekeeper\.requestAccess\(\)\n\s+📝 contract\.access\.granted/);
    expect(out).toContain('✓ result: {"allowed":true,"data":{"next":"sell a better parser"}}');
    expect(out).toMatch(
      /mallory calls gatekeeper\.requestAccess\(\)\n\s+📝 contract\.access\.denied/,
    );
    expect(out).toContain('✓ result: {"allowed":false,"reason":"blacklisted"}');
    expect(out).toMatch(/mallory reads "plans" directly\n\s+✗ refused \(not_authorized\)/);
  });

  it("then runs the cooperative: pay-per-use, threshold, reputation and pool", () => {
    for (const pattern of [2, 3, 4, 6]) expect(out).toContain(`(Pattern ${pattern})`);
    expect(out).toContain("💸 customer → coop: 5 scrip (attached value)");
    expect(out).toContain("📝 contract.proposal.executed");
    expect(out).toMatch(/📝 contract\.service\.rated/);
    expect(out).toContain("💸 coop → ben: 5 scrip (paid out by the contract)");
  });

  it("checks conservation and the hash chain of both economies, and ends with them", () => {
    expect(out).toMatch(/scrip minted 1300, sum of all balances 1300/);
    expect(out).toContain("scrip minted 410, sum of all balances 410: nothing created or lost");
    const checks = lines.filter((line) => /hash chain verified/.test(line));
    expect(checks).toHaveLength(2);
    const last = lines.filter((line) => line.trim() !== "").slice(-3);
    expect(last[0]).toContain("sum of all balances 410");
    expect(last[1]).toMatch(/event log: \d+ events, hash chain verified/);
  });
});
