import { type ChildProcess, spawn } from "node:child_process";
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  createMessageConnection,
  type MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-jsonrpc/node";

/** The bundled language server (`dist/server.mjs`) running over stdio, driven as a client. */
export interface BundledServer {
  request<R>(method: string, params: unknown): Promise<R>;
  /** Shuts it down and waits for the process to exit. */
  stop(): Promise<void>;
}

/**
 * Copies what the `.vsix` ships of `dist/` (server, esbuild binary, TypeScript libs) to a fresh
 * temp folder, where no `node_modules` can lend it anything, and returns that folder.
 */
export function copyShippedServer(dist: string): string {
  const folder = mkdtempSync(join(tmpdir(), "ecology-bundled-"));
  copyFileSync(join(dist, "server.mjs"), join(folder, "server.mjs"));
  mkdirSync(join(folder, "bin"));
  cpSync(join(dist, "bin"), join(folder, "bin"), { recursive: true });
  for (const lib of readdirSync(dist).filter((f) => /^lib\..*\.d\.ts$/.test(f)))
    copyFileSync(join(dist, lib), join(folder, lib));
  return folder;
}

/**
 * Starts `node <folder>/server.mjs --stdio` (without ESBUILD_BINARY_PATH, as VS Code would) and
 * initializes it on `root` with `initializationOptions`.
 */
export async function startBundledServer(
  folder: string,
  root: string,
  initializationOptions: unknown,
): Promise<BundledServer> {
  const { ESBUILD_BINARY_PATH: _, ...env } = process.env;
  const child: ChildProcess = spawn(process.execPath, [join(folder, "server.mjs"), "--stdio"], {
    cwd: folder,
    env,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const connection: MessageConnection = createMessageConnection(
    new StreamMessageReader(child.stdout as NodeJS.ReadableStream),
    new StreamMessageWriter(child.stdin as NodeJS.WritableStream),
  );
  connection.onRequest("workspace/inlayHint/refresh", () => null);
  connection.onRequest("workspace/codeLens/refresh", () => null);
  connection.listen();
  const uri = pathToFileURL(root).href;
  await connection.sendRequest("initialize", {
    processId: process.pid,
    rootUri: uri,
    workspaceFolders: [{ uri, name: "bundled" }],
    capabilities: {},
    initializationOptions,
  });
  await connection.sendNotification("initialized", {});
  return {
    request: (method, params) => connection.sendRequest(method, params),
    async stop() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      await connection.sendRequest("shutdown");
      await connection.sendNotification("exit");
      await exited;
      connection.dispose();
    },
  };
}
