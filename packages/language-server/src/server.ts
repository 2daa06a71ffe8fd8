import type {
  CodeAction,
  CodeActionParams,
  CodeLens,
  CodeLensParams,
  CompletionItem,
  CompletionParams,
  Connection,
  DidChangeWatchedFilesParams,
  ExecuteCommandParams,
  Hover,
  HoverParams,
  InitializeParams,
  InitializeResult,
  InlayHint,
  InlayHintParams,
  TextDocumentChangeEvent,
  TextDocuments,
} from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";

type Answer<T> = T | Promise<T>;
type DocumentEvent = (event: TextDocumentChangeEvent<TextDocument>) => void;

/** One handler per LSP method; `main.ts` builds them, {@link registerHandlers} wires them. */
export interface Handlers {
  onInitialize(params: InitializeParams): Answer<InitializeResult>;
  onInitialized(): Answer<void>;
  onDidChangeContent: DocumentEvent;
  onDidClose: DocumentEvent;
  onDidChangeWatchedFiles(params: DidChangeWatchedFilesParams): Answer<void>;
  onHover(params: HoverParams): Answer<Hover | null>;
  onCompletion(params: CompletionParams): Answer<CompletionItem[]>;
  onCodeLens(params: CodeLensParams): Answer<CodeLens[]>;
  onInlayHint(params: InlayHintParams): Answer<InlayHint[]>;
  onCodeAction(params: CodeActionParams): Answer<CodeAction[]>;
  onExecuteCommand(params: ExecuteCommandParams): Answer<unknown>;
}

/**
 * Registers every handler on the connection and the document manager, one line each. Nothing
 * else happens here: features live in `features/<lsp-method>/`.
 *
 * @example
 * ```ts
 * registerHandlers(connection, documents, handlers);
 * documents.listen(connection);
 * connection.listen();
 * ```
 */
export function registerHandlers(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  h: Handlers,
): void {
  connection.onInitialize(h.onInitialize);
  connection.onInitialized(h.onInitialized);
  documents.onDidChangeContent(h.onDidChangeContent);
  documents.onDidClose(h.onDidClose);
  connection.onDidChangeWatchedFiles(h.onDidChangeWatchedFiles);
  connection.onHover(h.onHover);
  connection.onCompletion(h.onCompletion);
  connection.onCodeLens(h.onCodeLens);
  connection.languages.inlayHint.on(h.onInlayHint);
  connection.onCodeAction(h.onCodeAction);
  connection.onExecuteCommand(h.onExecuteCommand);
}
