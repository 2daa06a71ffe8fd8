import { spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { ListenFailure, ProxyEvent } from "./listen-fail-proxy.js";

/** The proxy of {@link spawnListenFailProxy}, seen from the test's process. */
export interface SpawnedListenFailProxy {
  /** The database URL through the proxy (same path and parameters). */
  readonly url: string;
  /** The proxy's clock (`performance.now()` there) at each listener start-up, failed or not. */
  readonly listenerStarts: number[];
  /** The proxy's clock at each failed LISTEN. */
  readonly failures: number[];
  /** Kills the proxy's process (cutting its connections) and waits for it to exit. */
  close(): Promise<void>;
}

/**
 * Runs `listenFailProxy(target, failFirst, failure)` in a child process, so that a kernel of this process
 * (whose thread blocks while its storage worker talks to the database) can connect through it.
 * Resolves once the proxy listens; the caller closes it.
 *
 * @example
 * ```ts
 * const proxy = await spawnListenFailProxy(url, 3, "refuse");
 * const kernel = await createKernel({ storage: proxy.url });
 * kernel.close();
 * await proxy.close();
 * ```
 */
export async function spawnListenFailProxy(
  target: string,
  failFirst: number,
  failure: ListenFailure,
): Promise<SpawnedListenFailProxy> {
  const script = join(import.meta.dirname, "listen-fail-proxy-process.ts");
  const child = spawn(
    process.execPath,
    ["--import", "tsx", script, target, String(failFirst), failure],
    {
      stdio: ["pipe", "pipe", "inherit"], // its stdin open is its lease on life
    },
  );
  const exited = once(child, "exit");
  const listenerStarts: number[] = [];
  const failures: number[] = [];
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the proxy exited with ${code}`)));
    lines.on("line", (line) => {
      if (!line.startsWith("{")) return resolve(line);
      const event = JSON.parse(line) as ProxyEvent;
      (event.kind === "start" ? listenerStarts : failures).push(event.at);
    });
  });
  return {
    url,
    listenerStarts,
    failures,
    async close() {
      child.kill();
      await exited;
    },
  };
}
