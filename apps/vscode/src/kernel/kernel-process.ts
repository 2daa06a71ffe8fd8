import { type ChildProcess, spawn } from "node:child_process";
import type { CliCommand } from "./cli-command.js";

/** A running `ecology dev`, until {@link stop} or until it exits on its own. */
export interface KernelProcess {
  /** Where it serves, as it printed it. */
  readonly url: string;
  readonly pid: number;
  /** Resolves with the exit code (or signal name) once the process has exited. */
  readonly exited: Promise<number | string>;
  /** Asks it to stop (SIGTERM; it closes the database first) and waits for the exit. */
  stop(): Promise<number | string>;
}

/** Starting failed: the message says why (the CLI's own one-line error when it printed one). */
export type StartResult = { ok: true; process: KernelProcess } | { ok: false; message: string };

/**
 * Runs `ecology dev --port <port> --json` in `workspace` and waits for the line it prints once
 * listening. Output after that goes to `log` line by line.
 *
 * @example
 * ```ts
 * const started = await startKernelProcess(cli, "/ws", 0, (line) => channel.appendLine(line));
 * if (started.ok) console.log(started.process.url);
 * ```
 */
export function startKernelProcess(
  cli: CliCommand,
  workspace: string,
  port: number,
  log: (line: string) => void,
): Promise<StartResult> {
  const child = spawn(cli.command, [...cli.args, "dev", "--port", String(port), "--json"], {
    cwd: workspace,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<number | string>((resolve) =>
    // "close", not "exit": the output is complete only once the pipes have closed.
    child.once("close", (code, signal) => resolve(code ?? signal ?? "exited")),
  );
  return new Promise((resolve) => {
    let stdout = "";
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      for (const line of chunk.toString().split("\n")) if (line.trim()) log(line);
    });
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = readUrl(stdout);
      if (url) resolve({ ok: true, process: handle(child, url, exited) });
    });
    child.once("error", (error) =>
      resolve({ ok: false, message: `cannot run ${cli.command}: ${error.message}` }),
    );
    exited.then((code) =>
      resolve({
        ok: false,
        message: failureOf(stdout) ?? (firstLine(stderr) || `ecology dev exited (${code})`),
      }),
    );
  });
}

function readUrl(stdout: string): string | undefined {
  for (const line of stdout.split("\n")) {
    const trimmed = line.trim();
    if (!trimmed.startsWith("{")) continue;
    try {
      const info = JSON.parse(trimmed) as { url?: unknown };
      if (typeof info.url === "string") return info.url;
    } catch {
      // A partial line: the rest is still on its way.
    }
  }
  return undefined;
}

/** With `--json` the CLI prints its failure as an envelope; its message is the one to show. */
function failureOf(stdout: string): string | undefined {
  try {
    const printed = JSON.parse(stdout) as { error?: { code?: string; message?: string } };
    return printed.error?.message ? `${printed.error.code}: ${printed.error.message}` : undefined;
  } catch {
    return firstLine(stdout) || undefined;
  }
}

function firstLine(text: string): string {
  return (
    text
      .split("\n")
      .find((l) => l.trim() !== "")
      ?.trim() ?? ""
  );
}

function handle(child: ChildProcess, url: string, exited: Promise<number | string>): KernelProcess {
  return {
    url,
    pid: child.pid ?? -1,
    exited,
    stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}
