import {
  type CodeAction,
  CodeActionKind,
  type CodeActionParams,
  type TextEdit,
} from "vscode-languageserver/node";
import type { Fix } from "../../analysis/types.js";
import type { Session, SessionRef } from "../../session.js";
import { offsetOf, pathOf, rangeOf, uriOf } from "../convert.js";

function toAction(s: Session, fix: Fix, params: CodeActionParams): CodeAction {
  const changes: { [uri: string]: TextEdit[] } = {};
  for (const edit of fix.edits) {
    const uri = uriOf(edit.path);
    changes[uri] ??= [];
    changes[uri].push({ range: rangeOf(s, edit.path, edit.span), newText: edit.newText });
  }
  return {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: params.context.diagnostics.filter((d) => d.source === "ecology"),
    isPreferred: true,
    edit: { changes },
  };
}

/**
 * `textDocument/codeAction`: the quick fixes of the contract findings in the range.
 *
 * @example
 * ```ts
 * connection.onCodeAction(createOnCodeAction(session));
 * ```
 */
export function createOnCodeAction(session: SessionRef) {
  return (params: CodeActionParams): CodeAction[] => {
    const s = session();
    const start = offsetOf(s, params.textDocument.uri, params.range.start);
    const end = offsetOf(s, params.textDocument.uri, params.range.end);
    if (start === undefined || end === undefined) return [];
    const fixes = s.analyzer.fixes(pathOf(params.textDocument.uri), { start, end });
    return fixes.map((fix) => toAction(s, fix, params));
  };
}
