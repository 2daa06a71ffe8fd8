import {
  type CompletionItem,
  CompletionItemKind,
  type CompletionParams,
  MarkupKind,
} from "vscode-languageserver/node";
import type { SessionRef } from "../../session.js";
import { offsetOf, pathOf, rangeOf } from "../convert.js";

/**
 * `textDocument/completion`: artifact ids and method names inside `ctx.invoke`/`ctx.call`.
 *
 * @example
 * ```ts
 * connection.onCompletion(createOnCompletion(session));
 * ```
 */
export function createOnCompletion(session: SessionRef) {
  return (params: CompletionParams): CompletionItem[] => {
    const s = session();
    const offset = offsetOf(s, params.textDocument.uri, params.position);
    if (offset === undefined) return [];
    const path = pathOf(params.textDocument.uri);
    return s.analyzer.complete(path, offset).map((entry) => {
      const item: CompletionItem = {
        label: entry.label,
        kind: entry.kind === "artifact" ? CompletionItemKind.Module : CompletionItemKind.Method,
        detail: entry.detail,
        textEdit: { range: rangeOf(s, path, entry.replace), newText: entry.label },
      };
      if (entry.documentation) {
        item.documentation = { kind: MarkupKind.Markdown, value: entry.documentation };
      }
      return item;
    });
  };
}
