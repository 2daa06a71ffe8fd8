import type { CodeLens, CodeLensParams } from "vscode-languageserver/node";
import type { SessionRef } from "../../session.js";
import { pathOf, rangeOf } from "../convert.js";

/**
 * `textDocument/codeLens`: "Run ▶" on each method and view, "Deploy" on the definition.
 *
 * @example
 * ```ts
 * connection.onCodeLens(createOnCodeLens(session));
 * ```
 */
export function createOnCodeLens(session: SessionRef) {
  return (params: CodeLensParams): CodeLens[] => {
    const s = session();
    const path = pathOf(params.textDocument.uri);
    return s.analyzer.lenses(path).map((lens) => ({
      range: rangeOf(s, path, lens.span),
      command: { title: lens.title, command: lens.command, arguments: [lens.argument] },
    }));
  };
}
