import * as vscode from "vscode";
import type { KernelSession } from "../kernel/kernel-session.js";
import type { KernelController } from "../kernel-controller.js";

/**
 * A flat tree view over the running kernel: `load` turns the session into items. It refreshes
 * when the controller reports a change, coalescing the bursts a single transaction makes (a
 * deploy emits several events) into one reload.
 */
export class KernelTree implements vscode.TreeDataProvider<vscode.TreeItem>, vscode.Disposable {
  readonly #changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.#changed.event;
  readonly #subscription: vscode.Disposable;
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly controller: KernelController,
    private readonly load: (session: KernelSession) => Promise<vscode.TreeItem[]>,
  ) {
    this.#subscription = controller.onDidChange(() => this.refresh());
  }

  /** Reloads soon (at most once per 100 ms). */
  refresh(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#changed.fire();
    }, 100);
  }

  getTreeItem(item: vscode.TreeItem): vscode.TreeItem {
    return item;
  }

  async getChildren(parent?: vscode.TreeItem): Promise<vscode.TreeItem[]> {
    if (parent) return [];
    const session = this.controller.session;
    if (!session) return [];
    return this.load(session);
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#subscription.dispose();
    this.#changed.dispose();
  }
}

/** An item that says why a list is empty or failed to load. */
export function messageItem(text: string): vscode.TreeItem {
  const item = new vscode.TreeItem(text);
  item.iconPath = new vscode.ThemeIcon("info");
  return item;
}
