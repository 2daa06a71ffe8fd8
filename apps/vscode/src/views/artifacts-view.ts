import type { ArtifactSummary } from "@ecology/protocol";
import * as vscode from "vscode";
import type { KernelSession } from "../kernel/kernel-session.js";
import { messageItem } from "./kernel-tree.js";

const ICONS = { contract: "symbol-class", data: "file", genesis: "library" } as const;

/**
 * Loads the Artifacts view: one item per artifact with its owner, invoke price and who may
 * invoke it. Contracts offer the Invoke Method command.
 *
 * @example
 * ```ts
 * new KernelTree(controller, loadArtifacts);
 * ```
 */
export async function loadArtifacts(session: KernelSession): Promise<vscode.TreeItem[]> {
  const listed = await session.artifacts();
  if (!listed.ok) return [messageItem(listed.message)];
  return listed.value.map(artifactItem);
}

function artifactItem(artifact: ArtifactSummary): vscode.TreeItem {
  const item = new vscode.TreeItem(artifact.id);
  const price = artifact.policy.invokePrice;
  item.description = `${artifact.owner} · ${price} scrip · ${allowText(artifact.policy.allowInvoke)}`;
  item.tooltip = new vscode.MarkdownString(
    `**${artifact.id}** (${artifact.kind})\n\nowner: \`${artifact.owner}\`\n\n` +
      `policy:\n\`\`\`json\n${JSON.stringify(artifact.policy, null, 2)}\n\`\`\``,
  );
  item.iconPath = new vscode.ThemeIcon(ICONS[artifact.kind]);
  item.contextValue = artifact.kind;
  if (artifact.kind !== "data") {
    item.command = {
      command: "ecology.invokeMethod",
      title: "Invoke Method",
      arguments: [artifact.id],
    };
  }
  return item;
}

function allowText(allow: "*" | string[]): string {
  if (allow === "*") return "anyone";
  return allow.length === 0 ? "owner only" : allow.join(", ");
}
