import { fileURLToPath, pathToFileURL } from "node:url";
import type { Position, Range } from "vscode-languageserver/node";
import type { Span } from "../analysis/types.js";
import type { Session } from "../session.js";

/**
 * The file path of a `file:` URI.
 *
 * @example
 * ```ts
 * pathOf("file:///ws/pool.ts"); // "/ws/pool.ts"
 * ```
 */
export function pathOf(uri: string): string {
  return fileURLToPath(uri);
}

/**
 * The `file:` URI of a path.
 *
 * @example
 * ```ts
 * uriOf("/ws/pool.ts"); // "file:///ws/pool.ts"
 * ```
 */
export function uriOf(path: string): string {
  return pathToFileURL(path).href;
}

/**
 * The LSP range of a span of `path`, using the open document's text when there is one.
 *
 * @example
 * ```ts
 * rangeOf(session, "/ws/pool.ts", { start: 10, end: 17 });
 * ```
 */
export function rangeOf(session: Session, path: string, span: Span): Range {
  const document = session.documents.get(uriOf(path));
  if (document)
    return { start: document.positionAt(span.start), end: document.positionAt(span.end) };
  return {
    start: session.analyzer.lineCharacter(path, span.start),
    end: session.analyzer.lineCharacter(path, span.end),
  };
}

/**
 * The offset of a position in an open document, or undefined when it is not open.
 *
 * @example
 * ```ts
 * offsetOf(session, uri, { line: 3, character: 8 }); // 64
 * ```
 */
export function offsetOf(session: Session, uri: string, position: Position): number | undefined {
  return session.documents.get(uri)?.offsetAt(position);
}
