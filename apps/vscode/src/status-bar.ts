import * as vscode from "vscode";
import type { KernelController } from "./kernel-controller.js";

const LOOK = {
  stopped: { text: "$(circle-outline) Ecology: stopped", command: "ecology.startKernel" },
  starting: { text: "$(loading~spin) Ecology: starting", command: undefined },
  running: { text: "$(pulse) Ecology: running", command: "ecology.stopKernel" },
  stopping: { text: "$(loading~spin) Ecology: stopping", command: undefined },
} as const;

/**
 * A status bar item showing the local kernel's state; clicking it starts or stops the kernel.
 * Lives as long as the returned disposable.
 *
 * @example
 * ```ts
 * context.subscriptions.push(createStatusBar(controller));
 * ```
 */
export function createStatusBar(controller: KernelController): vscode.Disposable {
  const item = vscode.window.createStatusBarItem(
    "ecology.kernel",
    vscode.StatusBarAlignment.Left,
    10,
  );
  item.name = "Ecology Local Kernel";
  const render = () => {
    const look = LOOK[controller.state];
    item.text = look.text;
    item.command = look.command;
    item.tooltip =
      controller.state === "running"
        ? `Local kernel at ${controller.session?.url ?? "?"}`
        : "Start the local kernel";
  };
  render();
  item.show();
  const subscription = controller.onDidChange(render);
  return vscode.Disposable.from(item, subscription);
}
