import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node.js";
import type { KernelController } from "./kernel-controller.js";
import { startLanguageClient } from "./language-client.js";

/**
 * Keeps the language server pointed at the local kernel: starts it with the URL the settings
 * imply (`ecology.kernel.port`), restarts it when the kernel came up elsewhere (port 0), and
 * asks it to reload deployed artifacts when the kernel changes. Runs its commands (Deploy) for
 * the extension. Disposed with the extension.
 */
export class LanguageService implements vscode.Disposable {
  #client: LanguageClient | undefined;
  #url: string | undefined;
  /** The last start or restart; the next one waits for it, so two never overlap. */
  #starting: Promise<void> = Promise.resolve();
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

  /**
   * Runs a command of the language server (`workspace/executeCommand`) once it talks to the
   * kernel at `url`, and answers what the server answered.
   * @throws when the server cannot start or fails the request.
   */
  async executeCommand(url: string, command: string, args: unknown[]): Promise<unknown> {
    await this.#pointAt(url);
    if (!this.#client) throw new Error("the Ecology language server is not running");
    return this.#client.sendRequest("workspace/executeCommand", { command, arguments: args });
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

  /** Restarts the server unless it already talks to the kernel at `url`. */
  #pointAt(url: string): Promise<void> {
    this.#starting = this.#starting
      .catch(() => undefined)
      .then(() => (url === this.#url && this.#client ? undefined : this.#start(url)));
    return this.#starting;
  }

  #restart(url: string | undefined): Promise<void> {
    this.#starting = this.#starting.catch(() => undefined).then(() => this.#start(url));
    return this.#starting;
  }

  async #start(url: string | undefined): Promise<void> {
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
      await this.#pointAt(url);
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
