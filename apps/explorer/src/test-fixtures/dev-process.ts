import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);

/** A real `ecology dev` process (the CLI from source through tsx) and its printed URLs. */
export interface DevProcess {
  child: ChildProcess;
  /** Base URL, e.g. http://127.0.0.1:41234. */
  url: string;
  /** The ready URL it printed: `<url>/#token=<viewer token>`. */
  explorer: string;
  /** Stops it with SIGINT (as Ctrl-C) and waits for it to exit. */
  stop(): Promise<number | null>;
}

/** The workspace's `ecology` from source, through tsx (no build needed). */
function sourceCli(): string[] {
  const cli = fileURLToPath(new URL("../../node_modules/@ecology/cli/src/bin.ts", import.meta.url));
  return [process.execPath, "--import", pathToFileURL(require.resolve("tsx")).href, cli];
}

/**
 * Starts `ecology dev --port 0` in `cwd` (`command`: how to run `ecology`, by default the
 * workspace's from source); resolves once it printed its explorer URL.
 */
export function startDev(cwd: string, command: string[] = sourceCli()): Promise<DevProcess> {
  const [file = "", ...args] = command;
  const child = spawn(file, [...args, "dev", "--port", "0"], {
    cwd,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.once("exit", (code) => reject(new Error(`ecology dev exited ${code}: ${err}${out}`)));
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /explorer: ((http:\/\/127\.0\.0\.1:\d+)\/#token=\S+)/.exec(out);
      if (!match?.[1] || !match[2]) return;
      resolve({
        child,
        url: match[2],
        explorer: match[1],
        stop: () => {
          child.kill("SIGINT");
          return exited;
        },
      });
    });
  });
}
