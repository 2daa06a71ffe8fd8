import { join } from "node:path";
import { expect } from "vitest";
import { freshDir, runInProcess } from "./run.js";

/** The running-total contract (`add(n)`, 1 scrip a call) and its double-counting variant. */
export const TALLY = join(import.meta.dirname, "tally.ts");
export const TALLY_DOUBLED = join(import.meta.dirname, "tally-doubled.ts");

/**
 * A fresh economy with a short, known history: alice (100) and bob (50), alice's upgradable
 * `tally`, and bob adding 5 then 7 — five journal records. Resolves with its folder and an
 * in-process runner bound to it (setup is fast; the behaviour under test runs as a process).
 */
export async function tallyEconomy() {
  const cwd = freshDir();
  const run = (...argv: string[]) => runInProcess(cwd, ...argv);
  for (const argv of [
    ["init"],
    ["principal", "create", "alice", "--scrip", "100"],
    ["principal", "create", "bob", "--scrip", "50"],
    ["deploy", TALLY, "--as", "alice", "--id", "tally", "--upgradable"],
    ["invoke", "tally", "add", "5", "--as", "bob"],
    ["invoke", "tally", "add", "7", "--as", "bob"],
  ]) {
    const r = await run(...argv);
    expect(r.stderr, argv.join(" ")).toBe("");
    expect(r.code, argv.join(" ")).toBe(0);
  }
  return { cwd, run };
}
