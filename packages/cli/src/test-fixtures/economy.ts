import { join } from "node:path";
import { expect } from "vitest";
import { freshDir, runInProcess } from "./run.js";

/** The echo contract of the argument and hint tests. */
export const ECHO_SERVICE = join(import.meta.dirname, "echo-service.ts");

/**
 * A fresh economy: alice (100) and bob (50), and alice's `echo` contract deployed.
 * Resolves with its folder and a runner bound to it.
 */
export async function echoEconomy() {
  const cwd = freshDir();
  const run = (...argv: string[]) => runInProcess(cwd, ...argv);
  expect((await run("init")).code).toBe(0);
  expect((await run("principal", "create", "alice", "--scrip", "100")).code).toBe(0);
  expect((await run("principal", "create", "bob", "--scrip", "50")).code).toBe(0);
  expect((await run("deploy", ECHO_SERVICE, "--as", "alice", "--id", "echo")).code).toBe(0);
  return { cwd, run };
}

/** The seq of the newest event (to show a refused command appended nothing). */
export async function lastSeq(run: (...argv: string[]) => ReturnType<typeof runInProcess>) {
  const page = JSON.parse((await run("events", "--json", "--limit", "1000")).stdout);
  return (page.result.events as { seq: number }[]).at(-1)?.seq ?? 0;
}
