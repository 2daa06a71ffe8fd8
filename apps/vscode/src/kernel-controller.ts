import * as vscode from "vscode";
import { resolveCli } from "./kernel/cli-command.js";
import { type KernelProcess, startKernelProcess } from "./kernel/kernel-process.js";
import { type KernelSession, openKernelSession } from "./kernel/kernel-session.js";

/** What the status bar and `when` clauses show. */
export type KernelState = "stopped" | "starting" | "running" | "stopping";

/**
 * Owns the local kernel of the first workspace folder: the `ecology dev` process and the
 * session talking to it. Fires {@link onDidChange} when the state changes or the kernel emits an
 * event, which is what the views refresh on. Disposed with the extension (stops the kernel).
 */
export class KernelController implements vscode.Disposable {
  #state: KernelState = "stopped";
  #process: KernelProcess | undefined;
  #session: KernelSession | undefined;
  #unfollow: (() => void) | undefined;
  readonly #changed = new vscode.EventEmitter<void>();
  /** Files deployed in this window, by path, with the artifact id they got. */
  readonly deployed = new Map<string, string>();
  readonly onDidChange = this.#changed.event;

  constructor(private readonly output: vscode.OutputChannel) {}

  get state(): KernelState {
    return this.#state;
  }

  get session(): KernelSession | undefined {
    return this.#session;
  }

  /** The workspace folder the kernel belongs to, or undefined with no folder open. */
  workspace(): string | undefined {
    return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  }

  /** The `ecology` command for this workspace, from `ecology.cli.path`. */
  cli(workspace: string) {
    const configured = vscode.workspace.getConfiguration("ecology").get<string>("cli.path", "");
    return resolveCli(configured, workspace, process.execPath);
  }

  /** Starts `ecology dev` and connects; a failure is shown and leaves the state `stopped`. */
  async start(): Promise<boolean> {
    if (this.#state === "running") return true;
    const workspace = this.workspace();
    if (!workspace) return this.#fail("open a folder first: the kernel lives in its .ecology/");
    const config = vscode.workspace.getConfiguration("ecology");
    this.#set("starting");
    const started = await startKernelProcess(
      this.cli(workspace),
      workspace,
      config.get<number>("kernel.port", 7420),
      (line) => this.output.appendLine(`[kernel] ${line}`),
    );
    if (!started.ok) return this.#fail(started.message);
    this.#process = started.process;
    const opened = await openKernelSession({
      url: started.process.url,
      workspace,
      principal: config.get<string>("principal", "dev"),
      scrip: config.get<number>("principal.scrip", 1000),
    });
    if (!opened.ok) {
      await started.process.stop();
      return this.#fail(opened.message);
    }
    this.#attach(opened.value, started.process);
    return true;
  }

  /** Stops the kernel this window started (waits for it to close its database). */
  async stop(): Promise<void> {
    const running = this.#process;
    if (!running) return;
    this.#set("stopping");
    this.#detach();
    await running.stop();
  }

  dispose(): void {
    void this.stop();
    this.#changed.dispose();
  }

  #attach(session: KernelSession, kernel: KernelProcess): void {
    this.#session = session;
    this.#unfollow = session.onChange(() => this.#changed.fire());
    this.output.appendLine(
      `Local kernel at ${kernel.url} (pid ${kernel.pid}), acting as ${session.principal}`,
    );
    void session.ended.then((refused) => {
      if (refused) this.output.appendLine(`Events: ${refused.code}: ${refused.message}`);
    });
    // A kernel that exits on its own (killed, crashed) must not leave the views claiming it runs.
    void kernel.exited.then((code) => {
      if (this.#process !== kernel) return;
      this.output.appendLine(`Local kernel exited (${code})`);
      this.#detach();
    });
    this.#set("running");
  }

  #detach(): void {
    this.#unfollow?.();
    this.#session?.close();
    this.#session = undefined;
    this.#process = undefined;
    this.#set("stopped");
  }

  #fail(message: string): false {
    this.output.appendLine(`Local kernel: ${message}`);
    void vscode.window.showErrorMessage(`Ecology: ${message}`);
    this.#set("stopped");
    return false;
  }

  #set(state: KernelState): void {
    this.#state = state;
    void vscode.commands.executeCommand("setContext", "ecology.kernelRunning", state === "running");
    this.#changed.fire();
  }
}
