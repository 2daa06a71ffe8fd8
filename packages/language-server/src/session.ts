import type { TextDocuments } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { Analyzer } from "./analysis/analyzer.js";
import type { DiagnosticsScheduler } from "./features/text-document-publish-diagnostics/diagnostics-scheduler.js";
import type { LocalKernel } from "./kernel/local-kernel.js";
import { LanguageServerError } from "./language-server-error.js";

/** Where the server writes its log (the client's output channel). */
export interface Logger {
  info(message: string): void;
  error(message: string): void;
}

/** What one editor session works with, created on `initialize`. */
export interface Session {
  /** The workspace folder: Deploy names the files of its compile errors relative to it. */
  root: string;
  analyzer: Analyzer;
  documents: TextDocuments<TextDocument>;
  diagnostics: DiagnosticsScheduler;
  log: Logger;
  /** The local kernel, when one is configured (it may still be unreachable). */
  kernel?: LocalKernel;
}

/** Holds the session once `initialize` has created it. */
export interface SessionRef {
  (): Session;
  set(session: Session): void;
}

/**
 * Creates an empty {@link SessionRef}; calling it before `set` throws.
 *
 * @throws LanguageServerError `not_initialized` when read before `initialize`.
 * @example
 * ```ts
 * const session = createSessionRef();
 * session.set(created);
 * session().analyzer.diagnose(path);
 * ```
 */
export function createSessionRef(): SessionRef {
  let current: Session | undefined;
  const ref = (() => {
    if (!current) throw new LanguageServerError("not_initialized", "request before initialize");
    return current;
  }) as SessionRef;
  ref.set = (session) => {
    current = session;
  };
  return ref;
}
