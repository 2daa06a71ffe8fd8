import { join } from "node:path";
import * as vscode from "vscode";
import { explorerUrl } from "../kernel/explorer-url.js";
import type { KernelController } from "../kernel-controller.js";
import { requireSession } from "./kernel-commands.js";

/**
 * Opens a transaction (or, with none, the explorer's overview) in the browser, on the running
 * kernel's explorer, signed in with the workspace's viewer token.
 */
export async function openTransaction(controller: KernelController, tx?: string): Promise<void> {
  const session = await requireSession(controller);
  const workspace = controller.workspace();
  if (!session || !workspace) return;
  const id =
    tx ??
    (await vscode.window.showInputBox({
      title: "Ecology: open transaction",
      prompt: "Transaction id (tx12); empty for the explorer's overview",
      validateInput: (v) =>
        v.trim() === "" || /^tx[1-9]\d*$/.test(v.trim()) ? undefined : "like tx12",
    }));
  if (id === undefined) return;
  const url = explorerUrl(session.url, join(workspace, ".ecology"), id.trim() || undefined);
  if (!url) {
    void vscode.window.showErrorMessage("Ecology: no .ecology/viewer.token — run `ecology init`");
    return;
  }
  await vscode.env.openExternal(vscode.Uri.parse(url, true));
}

/** Registers Open Transaction in Explorer (`ecology.openTransaction`, optional tx id argument). */
export function registerOpenTransaction(controller: KernelController): vscode.Disposable {
  return vscode.commands.registerCommand("ecology.openTransaction", (tx?: string) =>
    openTransaction(controller, typeof tx === "string" ? tx : undefined),
  );
}
