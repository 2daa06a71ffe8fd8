import {
  CodeActionKind,
  type ServerCapabilities,
  TextDocumentSyncKind,
} from "vscode-languageserver/node";
import { COMMANDS } from "../workspace-execute-command/commands.js";

/**
 * What the server offers; the protocol tests keep a snapshot of it.
 *
 * @example
 * ```ts
 * return { capabilities: CAPABILITIES };
 * ```
 */
export const CAPABILITIES: ServerCapabilities = {
  textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
  hoverProvider: true,
  completionProvider: { triggerCharacters: ['"', "'", "`"], resolveProvider: false },
  codeLensProvider: { resolveProvider: false },
  inlayHintProvider: true,
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
  executeCommandProvider: { commands: Object.values(COMMANDS) },
};
