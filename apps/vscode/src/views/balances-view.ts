import * as vscode from "vscode";
import type { KernelSession } from "../kernel/kernel-session.js";
import { messageItem } from "./kernel-tree.js";

/**
 * Loads the Balances view: every principal and artifact wallet with its scrip, largest first.
 *
 * @example
 * ```ts
 * new KernelTree(controller, loadBalances);
 * ```
 */
export async function loadBalances(session: KernelSession): Promise<vscode.TreeItem[]> {
  const balances = await session.balances();
  if (!balances.ok) return [messageItem(balances.message)];
  return Object.entries(balances.value)
    .sort(([, a], [, b]) => b - a)
    .map(([id, amount]) => {
      const item = new vscode.TreeItem(id);
      item.description = `${amount} scrip`;
      item.iconPath = new vscode.ThemeIcon(id === session.principal ? "account" : "credit-card");
      return item;
    });
}
