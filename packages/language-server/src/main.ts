import { existsSync } from "node:fs";
import { join } from "node:path";
import {
  type Connection,
  createConnection,
  type Diagnostic,
  type InitializeParams,
  ProposedFeatures,
  TextDocuments,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { createAnalyzer } from "./analysis/analyzer.js";
import { pathOf } from "./features/convert.js";
import { createOnInitialize } from "./features/initialize/on-initialize.js";
import { createOnInitialized } from "./features/initialize/on-initialized.js";
import { createOnCodeAction } from "./features/text-document-code-action/on-code-action.js";
import { createOnCodeLens } from "./features/text-document-code-lens/on-code-lens.js";
import { createOnCompletion } from "./features/text-document-completion/on-completion.js";
import { createOnHover } from "./features/text-document-hover/on-hover.js";
import { createOnInlayHint } from "./features/text-document-inlay-hint/on-inlay-hint.js";
import { createDiagnosticsScheduler } from "./features/text-document-publish-diagnostics/diagnostics-scheduler.js";
import { createOnDidChangeContent } from "./features/text-document-sync/on-did-change-content.js";
import { createOnDidClose } from "./features/text-document-sync/on-did-close.js";
import { createOnDidChangeWatchedFiles } from "./features/workspace-did-change-watched-files/on-did-change-watched-files.js";
import { createOnExecuteCommand } from "./features/workspace-execute-command/on-execute-command.js";
import { guard } from "./guard.js";
import { createLocalKernel, type LocalKernel } from "./kernel/local-kernel.js";
import { type Handlers, registerHandlers } from "./server.js";
import { createSessionRef, type Logger, type Session, type SessionRef } from "./session.js";

/** `initializationOptions` the server understands. */
export interface InitializationOptions {
  /**
   * The local kernel: `false` for none; by default `http://127.0.0.1:7420` with the tokens of
   * `<workspace>/.ecology/`, used when that folder holds an operator token.
   */
  kernel?: false | { url?: string; dir?: string; principal?: string };
}

function rootOf(params: InitializeParams): string {
  const uri = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
  return uri ? pathOf(uri) : process.cwd();
}

function kernelOf(params: InitializeParams, root: string): LocalKernel | undefined {
  const option = (params.initializationOptions as InitializationOptions | undefined)?.kernel;
  if (option === false) return undefined;
  const dir = option?.dir ?? join(root, ".ecology");
  if (!option && !existsSync(join(dir, "operator.token"))) return undefined;
  const url = option?.url ?? "http://127.0.0.1:7420";
  return createLocalKernel({
    url,
    dir,
    ...(option?.principal ? { principal: option.principal } : {}),
  });
}

function createLogger(connection: Connection): Logger {
  return {
    info: (message) => connection.console.info(message),
    error: (message) => connection.console.error(message),
  };
}

/** Builds the session of one workspace when the client initializes. */
function sessionStarter(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  log: Logger,
) {
  return (params: InitializeParams): Session => {
    const root = rootOf(params);
    const analyzer = createAnalyzer(root);
    const publish = (uri: string, version: number, diagnostics: Diagnostic[]) =>
      void connection.sendDiagnostics({ uri, version, diagnostics });
    const diagnostics = createDiagnosticsScheduler({ analyzer, documents, publish, log });
    const kernel = kernelOf(params, root);
    const where = kernel ? `, kernel ${kernel.options.url}` : "";
    log.info(`ecology language server: workspace ${root}${where}`);
    return { root, analyzer, documents, diagnostics, log, ...(kernel ? { kernel } : {}) };
  };
}

/** Every handler, each guarded so that a failure is logged and answered empty. */
function createHandlers(
  session: SessionRef,
  start: (params: InitializeParams) => Session,
  connection: Connection,
  log: Logger,
): Handlers {
  const logOf = () => log;
  return {
    onInitialize: createOnInitialize(session, start),
    onInitialized: guard(logOf, "initialized", undefined, createOnInitialized(session)),
    onDidChangeContent: guard(logOf, "didChange", undefined, createOnDidChangeContent(session)),
    onDidClose: guard(logOf, "didClose", undefined, createOnDidClose(session, connection)),
    onDidChangeWatchedFiles: guard(
      logOf,
      "watchedFiles",
      undefined,
      createOnDidChangeWatchedFiles(session),
    ),
    onHover: guard(logOf, "hover", null, createOnHover(session)),
    onCompletion: guard(logOf, "completion", [], createOnCompletion(session)),
    onCodeLens: guard(logOf, "codeLens", [], createOnCodeLens(session)),
    onInlayHint: guard(logOf, "inlayHint", [], createOnInlayHint(session)),
    onCodeAction: guard(logOf, "codeAction", [], createOnCodeAction(session)),
    onExecuteCommand: guard(logOf, "executeCommand", null, createOnExecuteCommand(session)),
  };
}

/**
 * Starts the Ecology language server on `connection` (by default the one the command line
 * selects, e.g. `--stdio`) and returns it. The process serves until the client exits it;
 * errors inside handlers are logged and answered empty, never thrown.
 *
 * @example
 * ```ts
 * startServer(); // in a bin started with --stdio
 * ```
 */
export function startServer(
  connection: Connection = createConnection(ProposedFeatures.all),
): Connection {
  const documents = new TextDocuments(TextDocument);
  const session = createSessionRef();
  const log = createLogger(connection);
  // Whatever escapes a handler (a callback of a library, say) is logged; the server keeps going.
  process.on("uncaughtException", (error) =>
    log.error(`uncaught: ${error.stack ?? error.message}`),
  );
  process.on("unhandledRejection", (error) => log.error(`unhandled rejection: ${String(error)}`));
  const start = sessionStarter(connection, documents, log);
  registerHandlers(connection, documents, createHandlers(session, start, connection, log));
  documents.listen(connection);
  connection.listen();
  return connection;
}
