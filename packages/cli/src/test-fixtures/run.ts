import { execFile, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runCli } from "../program.js";

const here = dirname(fileURLToPath(import.meta.url));
/** The CLI entry point and the tsx loader that lets Node run it from source. */
export const BIN = join(here, "..", "bin.ts");
export const TSX_LOADER = createRequire(import.meta.url).resolve("tsx");
/** The pay-per-use contract used by the sessions. */
export const SEARCH_SERVICE = join(here, "search-service.ts");

/** A fresh working directory for one economy. */
export function freshDir(): string {
  return mkdtempSync(join(tmpdir(), "eco-cli-"));
}

/** What one CLI run printed and how it exited. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process (fast; for output-format tests). */
export async function runInProcess(cwd: string, ...argv: string[]): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    cwd,
    io: {
      out: (text) => {
        stdout += text;
      },
      err: (text) => {
        stderr += text;
      },
    },
  });
  return { code, stdout, stderr };
}

/** Runs the CLI as a real process, as a user would (`ecology ...`). */
export function runProcess(cwd: string, ...argv: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", TSX_LOADER, BIN, ...argv],
      { cwd, env: { ...process.env, NO_COLOR: "1" } },
      (error, stdout, stderr) => {
        const code = error ? Number((error as { code?: number }).code ?? 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A running `ecology dev` child process. */
export interface DevProcess {
  url: string;
  /** Stops it with SIGTERM and resolves with its exit code. */
  stop(): Promise<number | null>;
  /** Kills it with SIGKILL (no chance to clean up) and resolves once it is gone. */
  kill(): Promise<void>;
}

/** Starts `ecology dev --port 0 --json` in `cwd` and resolves once it is listening. */
export function startDev(cwd: string, ...extra: string[]): Promise<DevProcess> {
  return startDevWithEnv(cwd, {}, ...extra);
}

/** {@link startDev} with `env` added to this process's environment. */
export function startDevWithEnv(
  cwd: string,
  env: NodeJS.ProcessEnv,
  ...extra: string[]
): Promise<DevProcess> {
  const child = spawn(
    process.execPath,
    ["--import", TSX_LOADER, BIN, "dev", "--port", "0", "--json", ...extra],
    {
      cwd,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  return new Promise((resolve, reject) => {
    let buffered = "";
    child.stdout.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const newline = buffered.indexOf("\n");
      if (newline < 0) return;
      const { url } = JSON.parse(buffered.slice(0, newline)) as { url: string };
      resolve({
        url,
        stop() {
          child.kill("SIGTERM");
          return exited;
        },
        async kill() {
          child.kill("SIGKILL");
          await exited;
        },
      });
    });
    exited.then((code) => reject(new Error(`ecology dev exited early (${code})`)));
  });
}

/** Starts `ecology dev` in-process (with `extra` flags); resolves with its URL once it prints it. */
export function startDevInProcess(cwd: string, port: string, ...extra: string[]) {
  const controller = new AbortController();
  let resolveUrl: (url: string) => void = () => {};
  const url = new Promise<string>((resolve) => {
    resolveUrl = resolve;
  });
  const exited = runCli(["dev", "--port", port, "--json", ...extra], {
    cwd,
    signal: controller.signal,
    io: { out: (text) => resolveUrl((JSON.parse(text) as { url: string }).url), err: () => {} },
  });
  return { url, exited, stop: () => controller.abort() };
}
