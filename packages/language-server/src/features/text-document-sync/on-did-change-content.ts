import type { TextDocumentChangeEvent } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { SessionRef } from "../../session.js";
import { pathOf } from "../convert.js";

/**
 * `textDocument/didOpen` and `didChange`: overlays the editor text on the workspace and
 * schedules diagnostics, this document first.
 *
 * @example
 * ```ts
 * documents.onDidChangeContent(createOnDidChangeContent(session));
 * ```
 */
export function createOnDidChangeContent(session: SessionRef) {
  return (event: TextDocumentChangeEvent<TextDocument>): void => {
    const { analyzer, diagnostics } = session();
    if (!event.document.uri.startsWith("file:")) return;
    analyzer.setText(pathOf(event.document.uri), event.document.getText());
    diagnostics.schedule(event.document.uri);
  };
}
