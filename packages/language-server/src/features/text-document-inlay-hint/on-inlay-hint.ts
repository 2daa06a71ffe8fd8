import type { InlayHint, InlayHintParams } from "vscode-languageserver/node";
import type { SessionRef } from "../../session.js";
import { pathOf } from "../convert.js";

/**
 * `textDocument/inlayHint`: the price of each priced call, after its method name.
 *
 * @example
 * ```ts
 * connection.languages.inlayHint.on(createOnInlayHint(session));
 * ```
 */
export function createOnInlayHint(session: SessionRef) {
  return (params: InlayHintParams): InlayHint[] => {
    const s = session();
    const document = s.documents.get(params.textDocument.uri);
    if (!document) return [];
    const span = {
      start: document.offsetAt(params.range.start),
      end: document.offsetAt(params.range.end),
    };
    return s.analyzer.inlayHints(pathOf(params.textDocument.uri), span).map((hint) => {
      const item: InlayHint = {
        position: document.positionAt(hint.offset),
        label: hint.label,
        paddingLeft: true,
      };
      if (hint.tooltip) item.tooltip = hint.tooltip;
      return item;
    });
  };
}
