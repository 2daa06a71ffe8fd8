import * as vscode from "vscode";
import type { KernelSession } from "../kernel/kernel-session.js";
import type { KernelController } from "../kernel-controller.js";

/**
 * Registers Start / Stop Local Kernel and Show Events.
 *
 * @example
 * ```ts
 * context.subscriptions.push(...registerKernelCommands(controller, output));
 * ```
 */
export function registerKernelCommands(
  controller: KernelController,
  output: vscode.OutputChannel,
): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand("ecology.startKernel", async () => {
      if (await controller.start()) {
        void vscode.window.showInformationMessage(
          `Ecology: local kernel running at ${controller.session?.url}`,
        );
      }
    }),
    vscode.commands.registerCommand("ecology.stopKernel", () => controller.stop()),
    vscode.commands.registerCommand("ecology.showEvents", async () => {
      await vscode.commands.executeCommand("ecology.events.focus");
      const session = controller.session;
      if (!session) return;
      output.appendLine(`Events of ${session.url}:`);
      for (const event of session.events) {
        output.appendLine(
          `  #${event.seq} ${event.type} by ${event.actor} ${JSON.stringify(event.data)}`,
        );
      }
      output.show(true);
    }),
  ];
}

/**
 * The running kernel's session; when none runs, offers to start it and waits for it.
 * Undefined when the user declined or starting failed.
 */
export async function requireSession(
  controller: KernelController,
): Promise<KernelSession | undefined> {
  if (controller.session) return controller.session;
  const start = "Start Local Kernel";
  const picked = await vscode.window.showWarningMessage(
    "Ecology: the local kernel is not running.",
    start,
  );
  if (picked !== start) return undefined;
  return (await controller.start()) ? controller.session : undefined;
}
