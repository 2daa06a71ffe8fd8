import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node.js";
import type { KernelController } from "./kernel-controller.js";
import { startLanguageClient } from "./language-client.js";

/**
 * Keeps the language server pointed at the local kernel: starts it with the URL the settings
 * imply (`ecology.kernel.port`), restarts it when the kernel came up elsewhere (port 0), and
 * asks it to reload deployed artifacts when the kernel changes. Disposed with the extension.
 */
export class LanguageService implements vscode.Disposable {
  #client: LanguageClient | undefined;
  #url: string | undefined;
  #refreshing = false;
  readonly #subscription: vscode.Disposable;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.OutputChannel,
    private readonly controller: KernelController,
    private readonly onLens: (command: string, args: unknown[]) => unknown,
  ) {
    this.#subscription = controller.onDidChange(() => void this.#follow());
  }

  /** Starts the server; resolves once it has initialized. */
  async start(): Promise<void> {
    const port = vscode.workspace.getConfiguration("ecology").get<number>("kernel.port", 7420);
    await this.#restart(port > 0 ? `http://127.0.0.1:${port}` : undefined);
  }

  async stop(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    await client?.stop();
  }

  dispose(): void {
    this.#subscription.dispose();
    void this.stop();
  }

  async #restart(url: string | undefined): Promise<void> {
    await this.stop();
    this.#url = url;
    const principal = vscode.workspace.getConfiguration("ecology").get<string>("principal", "dev");
    const kernel = url ? { url, principal } : undefined;
    this.#client = await startLanguageClient(this.context, this.output, this.onLens, kernel);
  }

  async #follow(): Promise<void> {
    const url = this.controller.session?.url;
    if (!url || !this.#client || this.#refreshing) return;
    if (url !== this.#url) {
      await this.#restart(url);
      return;
    }
    // Deploys and transfers change what hovers and diagnostics know about deployed artifacts.
    this.#refreshing = true;
    try {
      await this.#client.sendRequest("workspace/executeCommand", {
        command: "ecology.refreshKernel",
      });
    } catch {
      // An older server without the command: it refreshes on its own schedule.
    } finally {
      this.#refreshing = false;
    }
  }
}
