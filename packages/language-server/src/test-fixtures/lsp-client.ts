import { type ChildProcess, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  createMessageConnection,
  type MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-jsonrpc/node";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The fixture workspace: a tsconfig, `counter.ts` and `tipper.ts`. */
export const WORKSPACE = join(packageDir, "src", "test-fixtures", "workspace");

/** A published diagnostic as the client receives it. */
export interface PublishedDiagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity?: number;
  code?: string | number;
  source?: string;
  message: string;
}

interface Published {
  uri: string;
  version?: number;
  diagnostics: PublishedDiagnostic[];
}

/** A client driving a real server process over stdio. */
export interface LspClient {
  connection: MessageConnection;
  initializeResult: { capabilities: unknown; serverInfo?: unknown };
  /** Log messages the server sent. */
  logs: string[];
  uriOf(name: string): string;
  open(name: string, text: string): string;
  change(name: string, text: string): void;
  close(name: string): void;
  /** Waits until the latest diagnostics of `name` for its current version satisfy `accept`. */
  diagnostics(
    name: string,
    accept?: (d: PublishedDiagnostic[]) => boolean,
  ): Promise<PublishedDiagnostic[]>;
  request<R>(method: string, params: unknown): Promise<R>;
  stop(): Promise<void>;
}

/**
 * Spawns `node --import tsx src/bin.ts --stdio` and initializes it on `root`. Stop it in
 * `afterAll`.
 */
export async function startClient(
  options: { root?: string; initializationOptions?: unknown } = {},
): Promise<LspClient> {
  const root = options.root ?? WORKSPACE;
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", join(packageDir, "src", "bin.ts"), "--stdio"],
    { cwd: packageDir, stdio: ["pipe", "pipe", "inherit"] },
  );
  const connection = createMessageConnection(
    new StreamMessageReader(child.stdout as NodeJS.ReadableStream),
    new StreamMessageWriter(child.stdin as NodeJS.WritableStream),
  );
  const latest = new Map<string, Published>();
  const waiters = new Set<() => void>();
  const logs: string[] = [];
  const versions = new Map<string, number>();
  connection.onNotification("textDocument/publishDiagnostics", (p: Published) => {
    latest.set(p.uri, p);
    for (const wake of [...waiters]) wake();
  });
  connection.onNotification("window/logMessage", (p: { message: string }) => {
    logs.push(p.message);
  });
  connection.onRequest("workspace/inlayHint/refresh", () => null);
  connection.onRequest("workspace/codeLens/refresh", () => null);
  connection.listen();
  const initializeResult = (await connection.sendRequest("initialize", {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: "fixture" }],
    capabilities: {},
    initializationOptions: options.initializationOptions ?? { kernel: false },
  })) as LspClient["initializeResult"];
  await connection.sendNotification("initialized", {});

  const uriOf = (name: string) => pathToFileURL(join(root, name)).href;
  return {
    connection,
    initializeResult,
    logs,
    uriOf,
    open(name, text) {
      const uri = uriOf(name);
      versions.set(uri, 1);
      void connection.sendNotification("textDocument/didOpen", {
        textDocument: { uri, languageId: "typescript", version: 1, text },
      });
      return uri;
    },
    change(name, text) {
      const uri = uriOf(name);
      const version = (versions.get(uri) ?? 0) + 1;
      versions.set(uri, version);
      void connection.sendNotification("textDocument/didChange", {
        textDocument: { uri, version },
        contentChanges: [{ text }],
      });
    },
    close(name) {
      const uri = uriOf(name);
      versions.delete(uri);
      void connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
    },
    diagnostics(name, accept = () => true) {
      const uri = uriOf(name);
      return new Promise((resolve) => {
        const check = () => {
          const p = latest.get(uri);
          const version = versions.get(uri);
          const current =
            version === undefined || p?.version === undefined || p.version === version;
          if (p && current && accept(p.diagnostics)) {
            waiters.delete(check);
            resolve(p.diagnostics);
          }
        };
        waiters.add(check);
        check();
      });
    },
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

/** The codes of a list of diagnostics, sorted. */
export function codes(diagnostics: PublishedDiagnostic[]): (string | number | undefined)[] {
  return diagnostics.map((d) => d.code).sort();
}

/** The offset-free position of the first `needle` in `text`, plus `delta` characters. */
export function positionOf(text: string, needle: string, delta = 0) {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`${needle} not in text`);
  const before = text.slice(0, index + delta).split("\n");
  return { line: before.length - 1, character: (before.at(-1) ?? "").length };
}

/** Applies LSP text edits (non-overlapping) to `text`. */
export function applyEdits(
  text: string,
  edits: { range: PublishedDiagnostic["range"]; newText: string }[],
): string {
  const offset = (p: { line: number; character: number }) => {
    const lines = text.split("\n");
    return lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  };
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) {
    out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  }
  return out;
}
