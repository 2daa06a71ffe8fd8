import * as vscode from "vscode";
import { formatEvent } from "../kernel/format-envelope.js";
import type { KernelSession } from "../kernel/kernel-session.js";

const SHOWN = 200;

/**
 * Loads the Events view from the session's live event stream: newest first, the last 200.
 *
 * @example
 * ```ts
 * new KernelTree(controller, loadEvents);
 * ```
 */
export async function loadEvents(session: KernelSession): Promise<vscode.TreeItem[]> {
  return session.events
    .slice(-SHOWN)
    .reverse()
    .map((event) => {
      const item = new vscode.TreeItem(event.type);
      item.description = formatEvent(event).replace(`${event.type} `, "");
      item.tooltip = new vscode.MarkdownString(
        `\`\`\`json\n${JSON.stringify(event, null, 2)}\n\`\`\``,
      );
      item.iconPath = new vscode.ThemeIcon(
        event.type.startsWith("contract.") ? "megaphone" : "history",
      );
      return item;
    });
}
