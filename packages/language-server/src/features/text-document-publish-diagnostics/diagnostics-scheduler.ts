import type { Diagnostic, TextDocuments } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { Analyzer } from "../../analysis/analyzer.js";
import type { Logger } from "../../session.js";
import { pathOf } from "../convert.js";
import { toLspDiagnostic } from "./to-lsp-diagnostic.js";

/** Publishes diagnostics of open documents, the most recently edited first. */
export interface DiagnosticsScheduler {
  /** Re-checks `uri` first (when given), then every other open document. */
  schedule(uri?: string): void;
}

/** What {@link createDiagnosticsScheduler} needs. */
export interface SchedulerOptions {
  analyzer: Analyzer;
  documents: TextDocuments<TextDocument>;
  publish(uri: string, version: number, diagnostics: Diagnostic[]): void;
  log: Logger;
}

/**
 * Creates a {@link DiagnosticsScheduler}. Work runs one document per macrotask, so edits that
 * arrive meanwhile are applied first (a burst of keystrokes is checked once) and the edited
 * document is published before the others it may affect.
 *
 * @example
 * ```ts
 * const diagnostics = createDiagnosticsScheduler({ analyzer, documents, publish, log });
 * diagnostics.schedule(uri);
 * ```
 */
export function createDiagnosticsScheduler(options: SchedulerOptions): DiagnosticsScheduler {
  const { analyzer, documents, publish, log } = options;
  const queue = new Set<string>();
  let running = false;

  function runOne(uri: string): void {
    const document = documents.get(uri);
    if (!document) return;
    try {
      const found = analyzer.diagnose(pathOf(uri));
      publish(
        uri,
        document.version,
        found.map((d) => toLspDiagnostic(document, d)),
      );
    } catch (error) {
      log.error(`diagnostics of ${uri} failed: ${(error as Error).stack ?? String(error)}`);
    }
  }

  function pump(): void {
    const next = queue.values().next();
    if (next.done) {
      running = false;
      return;
    }
    queue.delete(next.value);
    runOne(next.value);
    setImmediate(pump);
  }

  return {
    schedule(uri) {
      // Only files are analysed; untitled buffers and other schemes are left to other servers.
      const rest = documents.keys().filter((k) => k !== uri && k.startsWith("file:"));
      if (uri !== undefined) {
        // Re-inserting moves the edited document to the front of the queue.
        queue.delete(uri);
        const pending = [...queue];
        queue.clear();
        queue.add(uri);
        for (const k of pending) queue.add(k);
      }
      for (const k of rest) queue.add(k);
      if (!running) {
        running = true;
        setImmediate(pump);
      }
    },
  };
}
