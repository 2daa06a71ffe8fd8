import type { DidChangeWatchedFilesParams } from "vscode-languageserver/node";
import type { SessionRef } from "../../session.js";
import { pathOf } from "../convert.js";

/**
 * `workspace/didChangeWatchedFiles`: files changed on disk (and not open) are re-read, added or
 * dropped; open documents are re-checked.
 *
 * @example
 * ```ts
 * connection.onDidChangeWatchedFiles(createOnDidChangeWatchedFiles(session));
 * ```
 */
export function createOnDidChangeWatchedFiles(session: SessionRef) {
  return (params: DidChangeWatchedFilesParams): void => {
    const { analyzer, documents, diagnostics } = session();
    for (const change of params.changes) {
      if (!change.uri.startsWith("file:") || documents.get(change.uri)) continue;
      analyzer.close(pathOf(change.uri));
    }
    diagnostics.schedule();
  };
}
