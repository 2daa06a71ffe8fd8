import { spawn } from "node:child_process";
import { stripVTControlCharacters } from "node:util";

/** A long-running command that printed what it was waiting for. */
export interface Ready {
  /** The match of the readiness pattern in its stdout. */
  readonly match: RegExpMatchArray;
  /** Sends Ctrl-C (SIGINT) to its whole process group and resolves once every process exited. */
  stop(): Promise<{ code: number | null; output: string }>;
}

/**
 * Runs `command` through `sh` in its own process group (the package manager, its shell and the
 * server all get the Ctrl-C) and resolves when its stdout matches `ready`. Rejects with the output
 * when it exits first or does not get ready within `timeoutMs` — a bound, not a synchronisation.
 */
export function startUntilReady(
  command: string,
  options: { cwd: string; env: NodeJS.ProcessEnv; ready: RegExp; timeoutMs: number },
): Promise<Ready> {
  const child = spawn("sh", ["-c", command], {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
  const stop = async () => {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, "SIGINT");
    return { code: await closed, output };
  };
  return new Promise<Ready>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop().then(() => reject(new Error(`${command}: not ready\n${output}`)));
    }, options.timeoutMs);
    const onData = (chunk: Buffer) => {
      output += stripVTControlCharacters(chunk.toString());
      const match = output.match(options.ready);
      if (!match) return;
      clearTimeout(timer);
      resolve({ match, stop });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    void closed.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited ${code} before it was ready\n${output}`));
    });
  });
}
