import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** A code-server of its own (user data, extensions, config), listening on loopback. */
export interface CodeServer {
  readonly url: string;
  readonly pid: number;
  /** Ends code-server and every process below it (file watcher, extension host, kernel). */
  stop(): Promise<void>;
}

/** A free loopback port (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

function isolatedEnv(home: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    XDG_CONFIG_HOME: join(home, "config"),
    XDG_DATA_HOME: join(home, "data"),
  };
}

/** Installs a `.vsix` into `home`'s extensions folder; resolves with code-server's output. */
export async function installExtension(
  binary: string,
  home: string,
  vsix: string,
): Promise<string> {
  const args = ["--install-extension", vsix, "--extensions-dir", join(home, "ext"), "--force"];
  const { stdout, stderr } = await run(binary, args, { env: isolatedEnv(home), timeout: 120_000 });
  return `${stdout}${stderr}`;
}

/**
 * Starts code-server on a free loopback port with `settings` as its user settings, opening
 * `folder`; resolves once it says it is listening.
 */
export async function startCodeServer(
  binary: string,
  home: string,
  folder: string,
  settings: object,
): Promise<CodeServer> {
  mkdirSync(join(home, "ud", "User"), { recursive: true });
  writeFileSync(join(home, "ud", "User", "settings.json"), JSON.stringify(settings, null, 2));
  const port = await freePort();
  const args = [
    "--bind-addr",
    `127.0.0.1:${port}`,
    "--auth",
    "none",
    "--user-data-dir",
    join(home, "ud"),
    "--extensions-dir",
    join(home, "ext"),
    "--disable-telemetry",
    "--disable-update-check",
    "--disable-workspace-trust",
    folder,
  ];
  // Its own process group, so stopping it reaches every child even if one was re-parented.
  const child = spawn(binary, args, {
    env: isolatedEnv(home),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  await listening(child);
  return { url: `http://127.0.0.1:${port}`, pid: child.pid ?? -1, stop: () => stop(child) };
}

function listening(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/HTTP server listening on/.test(output)) resolve();
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`code-server exited (${code}):\n${output}`)));
  });
}

/** Every process whose parent chain leads to `root` (read from /proc). */
export function descendants(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/<pid>/stat is the parent; the command name before it may hold spaces.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = [];
  const walk = (pid: number) => {
    for (const [child, parent] of parents) {
      if (parent === pid) {
        found.push(child);
        walk(child);
      }
    }
  };
  walk(root);
  return found;
}

/** The command line of a process ("" once it has ended). */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
}

/** Whether a process still runs (a zombie waiting to be reaped counts as ended). */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

/**
 * Resolves once none of `pids` runs. Linux offers Node no exit notification for processes that
 * are not our children, so this polls /proc until they are gone or `ms` has passed.
 */
async function gone(pids: number[], ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (pids.some(isRunning) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  // The file watcher (bootstrap-fork --type=fileWatcher) and the extension host are children;
  // end each by its PID, then the server itself.
  const below = descendants(pid);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  for (const p of [...below].reverse()) kill(p, "SIGTERM");
  kill(pid, "SIGTERM");
  await exited;
  await gone(below, 10_000);
  for (const p of below) if (isRunning(p)) kill(p, "SIGKILL");
  await gone(below, 5_000);
}

function kill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}
