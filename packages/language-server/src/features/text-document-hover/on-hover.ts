import { type Hover, type HoverParams, MarkupKind } from "vscode-languageserver/node";
import type { SessionRef } from "../../session.js";
import { offsetOf, pathOf, rangeOf } from "../convert.js";

/**
 * `textDocument/hover`: artifact details on invoke targets, price and callers on methods.
 *
 * @example
 * ```ts
 * connection.onHover(createOnHover(session));
 * ```
 */
export function createOnHover(session: SessionRef) {
  return (params: HoverParams): Hover | null => {
    const s = session();
    const offset = offsetOf(s, params.textDocument.uri, params.position);
    if (offset === undefined) return null;
    const path = pathOf(params.textDocument.uri);
    const hover = s.analyzer.hover(path, offset);
    if (!hover) return null;
    return {
      contents: { kind: MarkupKind.Markdown, value: hover.markdown },
      range: rangeOf(s, path, hover.span),
    };
  };
}
