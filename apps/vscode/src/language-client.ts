import type * as vscode from "vscode";
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from "vscode-languageclient/node.js";

/** Commands the language server's code lenses run; the extension answers them (it owns the kernel). */
export const LENS_COMMANDS = ["ecology.run", "ecology.deploy"] as const;

/**
 * Starts the language server bundled at `dist/server.mjs` over stdio for TypeScript files, with
 * `ecology.trace.server` tracing, pointed at the local kernel's URL when known. Lens commands the server declares are answered by `onLensCommand`
 * instead of a round trip, because only the extension knows the running kernel.
 * Lives until `client.stop()`; the caller disposes it with the extension.
 *
 * @example
 * ```ts
 * const client = await startLanguageClient(context, output, runLens, { url, principal: "dev" });
 * ```
 */
export async function startLanguageClient(
  context: vscode.ExtensionContext,
  output: vscode.OutputChannel,
  onLensCommand: (command: string, args: unknown[]) => unknown,
  kernel: { url: string; principal: string } | undefined,
): Promise<LanguageClient> {
  const module = context.asAbsolutePath("dist/server.mjs");
  const server: ServerOptions = {
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio },
  };
  const options: LanguageClientOptions = {
    documentSelector: [{ scheme: "file", language: "typescript" }],
    outputChannel: output,
    synchronize: { configurationSection: "ecology" },
    // The server reads tokens lazily, so it may be told the URL before the kernel runs.
    initializationOptions: kernel ? { kernel } : {},
    middleware: {
      executeCommand: (command, args, next) =>
        (LENS_COMMANDS as readonly string[]).includes(command)
          ? onLensCommand(command, args)
          : next(command, args),
    },
  };
  // The id "ecology" makes vscode-languageclient read the `ecology.trace.server` setting.
  const client = new LanguageClient("ecology", "Ecology Language Server", server, options);
  await client.start();
  return client;
}
