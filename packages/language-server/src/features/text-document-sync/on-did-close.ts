import type { Connection, TextDocumentChangeEvent } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { SessionRef } from "../../session.js";
import { pathOf } from "../convert.js";

/**
 * `textDocument/didClose`: the file on disk is the truth again; its diagnostics are cleared and
 * the other open documents re-checked (they may have depended on the unsaved text).
 *
 * @example
 * ```ts
 * documents.onDidClose(createOnDidClose(session, connection));
 * ```
 */
export function createOnDidClose(session: SessionRef, connection: Connection) {
  return (event: TextDocumentChangeEvent<TextDocument>): void => {
    const { analyzer, diagnostics } = session();
    if (!event.document.uri.startsWith("file:")) return;
    analyzer.close(pathOf(event.document.uri));
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
    diagnostics.schedule();
  };
}
