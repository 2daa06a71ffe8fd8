import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, freshDir, runInProcess, TSX_LOADER } from "./test-fixtures/run.js";

/**
 * A reader slower than the writer: it takes 1 KiB at a time and, after each chunk, waits for
 * the event loop to turn before asking for more, so the CLI's writes pile up behind the pipe.
 */
const SLOW_READER = `
let total = 0;
process.stdin.on("readable", function take() {
  const chunk = process.stdin.read(1024) ?? process.stdin.read();
  if (chunk === null) return;
  total += chunk.length;
  process.stdout.write(chunk);
  setImmediate(take);
});
process.stdin.on("end", () => process.stderr.write(String(total)));
`;

/** A reader that takes the first chunk and goes away (like `| head -c 100`). */
const EARLY_QUITTER = `process.stdin.once("data", () => process.exit(0));`;

/** Runs `ecology ...argv` with its stdout piped straight into a reader process. */
function pipeToReader(cwd: string, argv: string[], reader = SLOW_READER) {
  const cli = spawn(process.execPath, ["--import", TSX_LOADER, BIN, ...argv], {
    cwd,
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let errors = "";
  cli.stderr.on("data", (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const child = spawn(process.execPath, ["-e", reader], {
    stdio: [cli.stdout, "pipe", "pipe"],
  });
  // The reader holds its own copy of the pipe; closing ours leaves it the only reader.
  cli.stdout.destroy();
  let out = "";
  let counted = "";
  child.stdout.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    counted += chunk.toString();
  });
  const cliExit = new Promise<number | null>((resolve) => cli.once("exit", resolve));
  const errorsRead = new Promise<void>((resolve) => cli.stderr.once("end", () => resolve()));
  const readerExit = new Promise<void>((resolve) => child.once("close", () => resolve()));
  return Promise.all([cliExit, errorsRead, readerExit]).then(([code]) => ({
    code,
    out,
    counted,
    errors,
  }));
}

let cwd: string;
let content: Record<string, string>;

beforeAll(async () => {
  cwd = freshDir();
  content = {};
  for (let i = 0; i < 6000; i++) content[`key${i}`] = "x".repeat(40);
  writeFileSync(join(cwd, "big.json"), JSON.stringify(content));
  expect((await runInProcess(cwd, "init")).code).toBe(0);
  await runInProcess(cwd, "principal", "create", "alice", "--scrip", "1");
  const w = await runInProcess(cwd, "write", "bigdoc", "--as", "alice", "--file", "big.json");
  expect(w.code).toBe(0);
});

describe("ecology --json to a pipe (real process)", () => {
  it("writes every byte before exiting, even to a slow reader", async () => {
    const { code, out, counted, errors } = await pipeToReader(cwd, [
      "read",
      "bigdoc",
      "--as",
      "alice",
      "--json",
    ]);
    expect({ code, errors }).toEqual({ code: 0, errors: "" });
    expect(out.length).toBeGreaterThan(300_000);
    expect(Number(counted)).toBe(Buffer.byteLength(out));
    const envelope = JSON.parse(out);
    expect(envelope.result.content ?? envelope.result).toEqual(content);
    expect(out).toBe(`${JSON.stringify(envelope, null, 2)}\n`);
  }, 60_000);

  it("ends quietly when the reader goes away early", async () => {
    const argv = ["read", "bigdoc", "--as", "alice", "--json"];
    const { code, errors } = await pipeToReader(cwd, argv, EARLY_QUITTER);
    expect({ code, errors }).toEqual({ code: 0, errors: "" });
  }, 60_000);
});
